namespace Grid.Silo.Api;

public static class GridApi
{
    /// <summary>Errors as application/problem+json (RFC 9457), including unknown routes and unhandled failures.</summary>
    public static WebApplicationBuilder AddGridApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        return builder;
    }

    public static WebApplication UseGridApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
