using Grid.Geography;

namespace Grid.Silo.Hosting;

public static class GridGeography
{
    public const string DirectoryKey = "Grid:Geo:Dir";

    /// <summary>
    /// Geography from the RIR files in <c>Grid:Geo:Dir</c> (default <c>./geo</c>), downloaded there
    /// daily (<c>Grid:Geo:Refresh</c>). Without them Grid still runs: every prefix is ZZ, AS signals
    /// still work, and the log says how to get the data.
    /// </summary>
    public static WebApplicationBuilder AddGridGeography(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => new ReloadableGeography(GeographyLoader.Load(
            builder.Configuration[DirectoryKey] is { Length: > 0 } dir ? dir : "geo",
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Grid.Geography"))));
        builder.Services.AddSingleton<IGeography>(sp => sp.GetRequiredService<ReloadableGeography>());
        builder.Services.AddHostedService<GeographyStartup>();
        var refresh = builder.Configuration.GetSection(GeographyRefreshOptions.Section);
        builder.Services.AddOptions<GeographyRefreshOptions>().Bind(refresh);
        if (refresh.GetValue(nameof(GeographyRefreshOptions.Enabled), true))
        {
            builder.Services.AddHostedService<GeographyRefresh>();
        }

        return builder;
    }
}
