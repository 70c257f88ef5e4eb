using Grid.Geography;

namespace Grid.Silo.Hosting;

public static class GridGeography
{
    public const string DirectoryKey = "Grid:Geo:Dir";

    /// <summary>DB-IP's City Lite .mmdb, or a folder of them; default: the <c>regions</c> folder in Grid:Geo:Dir, where <c>grid geo fetch --regions</c> puts it.</summary>
    public const string RegionsKey = "Grid:Geo:Regions";

    /// <summary>
    /// Geography from the RIR files in <c>Grid:Geo:Dir</c> (default <c>./geo</c>), downloaded there
    /// daily (<c>Grid:Geo:Refresh</c>). Without them Grid still runs: every prefix is ZZ, AS signals
    /// still work, and the log says how to get the data.
    /// </summary>
    public static WebApplicationBuilder AddGridGeography(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp =>
        {
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Grid.Geography");
            var countries = GeographyLoader.Load(DirectoryOf(builder.Configuration), logger);
            var regions = RegionLoader.Load(builder.Configuration[RegionsKey], DirectoryOf(builder.Configuration), logger);
            return new ReloadableGeography(countries, regions);
        });
        builder.Services.AddSingleton<IGeography>(sp => sp.GetRequiredService<ReloadableGeography>());
        builder.Services.AddHostedService<GeographyStartup>();
        var refresh = builder.Configuration.GetSection(GeographyRefreshOptions.Section);
        builder.Services.AddOptions<GeographyRefreshOptions>().Bind(refresh);
        if (refresh.GetValue(nameof(GeographyRefreshOptions.Enabled), true))
        {
            builder.Services.AddHostedService<GeographyRefresh>();
        }

        // Only into the default folder: a Grid:Geo:Regions that names its own file is the operator's to update.
        if (refresh.GetValue(nameof(GeographyRefreshOptions.Regions), false) && builder.Configuration[RegionsKey] is not { Length: > 0 })
        {
            builder.Services.AddHostedService<RegionRefresh>();
        }

        return builder;
    }

    public static string DirectoryOf(IConfiguration configuration) => configuration[DirectoryKey] is { Length: > 0 } dir ? dir : "geo";
}
