namespace Grid.Silo.Api;

public static class GridApi
{
    /// <summary>The CORS policy of GET read endpoints: any origin may read public status (writes get no CORS headers).</summary>
    public const string ReadCorsPolicy = "grid-reads";

    /// <summary>
    /// Errors as application/problem+json (RFC 9457), including unknown routes, wrong methods,
    /// binding failures and unhandled failures, each with a detail that says what to do.
    /// </summary>
    public static WebApplicationBuilder AddGridApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            context.ProblemDetails.Detail ??= StatusDetails.For(status);
        });
        builder.Services.AddExceptionHandler<BadRequestProblems>();
        // Binding failures throw, so BadRequestProblems can say which parameter was wrong.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddCors(options => options.AddPolicy(ReadCorsPolicy, policy => policy
            .AllowAnyOrigin()
            .WithMethods(HttpMethods.Get, HttpMethods.Head)
            .WithHeaders("Authorization", "X-Api-Key", "If-None-Match", "Accept")
            .WithExposedHeaders("ETag", "Link", "X-Total-Count", "Retry-After")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
        builder.Services.AddSingleton<Caching.StatusFreshness>();
        builder.Services.AddSingleton<Caching.RecentEntityTags>();
        builder.Services.AddSingleton<Caching.LocalStatusCache>();
        builder.Services.AddSingleton<V1.CountryGrainReferences>();
        builder.Services.AddSingleton<V1.RegionGrainReferences>();
        builder.AddGridForwardedClients();
        return builder;
    }

    public static WebApplication UseGridApi(this WebApplication app)
    {
        app.UseGridForwardedClients();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCors();
        app.UseMiddleware<SiloStartGate>();
        app.UseMiddleware<ReadFailover>();
        return app;
    }
}
