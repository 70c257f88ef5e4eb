namespace Grid.Silo.Api.Auth;

public static class GridApiKeys
{
    /// <summary>API keys from configuration (<c>Grid:Auth:Keys</c>), checked per endpoint with <see cref="RequireScope"/>.</summary>
    public static WebApplicationBuilder AddGridApiKeys(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiKeyOptions>().Bind(builder.Configuration.GetSection(ApiKeyOptions.Section));
        builder.Services.AddSingleton<ApiKeys>();
        return builder;
    }

    /// <summary>The endpoint answers only requests carrying a key with <paramref name="scope"/>.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new ApiKeyEndpointFilter(scope));
}
