using Grid.Grains.Geography;

namespace Grid.Silo.Hosting;

public static class GridGeography
{
    public const string DirectoryKey = "Grid:Geo:Dir";

    /// <summary>
    /// Geography from the RIR files in <c>Grid:Geo:Dir</c> (default <c>./geo</c>). Without them Grid
    /// still runs: every prefix is ZZ, AS signals still work, and the log says how to get the data.
    /// </summary>
    public static WebApplicationBuilder AddGridGeography(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IGeography>(sp => GeographyLoader.Load(
            builder.Configuration[DirectoryKey] is { Length: > 0 } dir ? dir : "geo",
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Grid.Geography")));
        builder.Services.AddHostedService<GeographyStartup>();
        return builder;
    }
}
