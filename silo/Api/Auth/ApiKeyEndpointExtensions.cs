namespace Grid.Silo.Api.Auth;

public static class ApiKeyEndpointExtensions
{
    /// <summary>Lets only requests with an API key holding <paramref name="scope"/> through (see <see cref="ApiKeyFilter"/>).</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new ApiKeyFilter(scope));

    /// <summary>Binds <c>Grid:Auth</c>.</summary>
    public static WebApplicationBuilder AddGridAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiKeyOptions>().Bind(builder.Configuration.GetSection(ApiKeyOptions.Section));
        return builder;
    }
}
