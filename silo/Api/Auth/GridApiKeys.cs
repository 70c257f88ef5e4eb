using Microsoft.Extensions.Options;

namespace Grid.Silo.Api.Auth;

public static class GridApiKeys
{
    /// <summary>API keys from configuration (<c>Grid:Auth:Keys</c>) and from <c>/v1/keys</c>, checked per endpoint with <see cref="RequireScope"/>.</summary>
    public static WebApplicationBuilder AddGridApiKeys(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiKeyOptions>().Bind(builder.Configuration.GetSection(ApiKeyOptions.Section));
        builder.Services.AddSingleton<StoredKeyCache>();
        builder.Services.AddSingleton<ApiKeys>();
        builder.Services.AddHostedService<StoredKeyRefresh>();
        return builder;
    }

    /// <summary>The endpoint answers only requests carrying a key with <paramref name="scope"/>.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new ApiKeyEndpointFilter(scope)).WithMetadata(new RequiredScope(scope));

    /// <summary>
    /// A read endpoint: open by default, keyed with scope <c>read</c> when <c>Grid:Auth:RequireKeyForReads</c>
    /// is true. Decided once at startup, so open reads carry no filter at all.
    /// </summary>
    public static TBuilder RequireReadAccess<TBuilder>(this TBuilder builder, IEndpointRouteBuilder app)
        where TBuilder : IEndpointConventionBuilder
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<ApiKeyOptions>>().Value;
        return options.RequireKeyForReads ? builder.RequireScope(ApiScopes.Read) : builder;
    }

    /// <summary>
    /// As <see cref="RequireReadAccess{TBuilder}"/> for the calendar feed: a read key, or a key with
    /// only the calendar scope, which may come in the URL (<see cref="PresentedKey.CalendarFeedPath"/>).
    /// </summary>
    public static TBuilder RequireCalendarAccess<TBuilder>(this TBuilder builder, IEndpointRouteBuilder app)
        where TBuilder : IEndpointConventionBuilder
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<ApiKeyOptions>>().Value;
        return options.RequireKeyForReads ? builder.RequireScope(ApiScopes.Calendar) : builder;
    }
}
