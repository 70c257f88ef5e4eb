using Grid.Geography;
using Prometheus;

namespace Grid.Silo.Metrics;

/// <summary>
/// <c>GET /metrics</c> through prometheus-net: the gauges of the country and AS grains active on
/// this silo (<see cref="EntityGauges"/>), Grid's health and .NET's runtime instruments
/// (<see cref="MeterFamilies"/>) and Orleans' meter (<see cref="OrleansMeters"/>).
/// </summary>
public static class GridMetrics
{
    public static WebApplicationBuilder AddGridMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>().Bind(builder.Configuration.GetSection(MetricsOptions.Section))
            .Validate(o => o.MaxAsSeries >= 0, "Grid:Metrics:MaxAsSeries must be 0 or more.")
            .Validate(o => o.MaxRegionSeries >= 0, "Grid:Metrics:MaxRegionSeries must be 0 or more.")
            .Validate(o => o.WatchedRegionCountries.All(c => CountryCode.TryParse(c, out _)), "Grid:Metrics:WatchedRegionCountries takes two-letter country codes such as BY.")
            .ValidateOnStart();
        // prometheus-net 8 fills its static default registry on its first scrape with process
        // metrics, an EventCounter adapter and a MeterAdapter over every meter. Grid never serves
        // that registry: each silo owns one, so silos hosted in one process keep their grains'
        // series apart and nothing is exported twice. The defaults are switched off explicitly.
        Prometheus.Metrics.SuppressDefaultMetrics();
        builder.Services.AddSingleton(_ => Prometheus.Metrics.NewCustomRegistry());
        builder.Services.AddSingleton<ILocalEntities, SiloLocalEntities>();
        builder.Services.AddSingleton<AsSeriesBound>();
        builder.Services.AddSingleton<RegionSeriesBound>();
        builder.Services.AddSingleton<EntityGauges>();
        builder.Services.AddSingleton<SiloHealthInstruments>();
        builder.Services.AddSingleton<MeterFamilies>();
        builder.Services.AddSingleton<OrleansMeters>();
        builder.Services.AddSingleton(new MetricsPort(MetricsPort.Listen(builder)));
        return builder;
    }

    public static WebApplication MapGridMetrics(this WebApplication app)
    {
        var registry = app.Services.GetRequiredService<CollectorRegistry>();
        // Instruments and listeners exist before the first scrape, so rate() has a starting point.
        app.Services.GetRequiredService<SiloHealthInstruments>();
        app.Services.GetRequiredService<MeterFamilies>();
        app.Services.GetRequiredService<OrleansMeters>();
        registry.AddBeforeCollectCallback(app.Services.GetRequiredService<EntityGauges>().UpdateAsync);
        app.UseMiddleware<MetricsPort>();
        // GET only; no API key and no rate limit (GridRateLimits exempts the path): MetricsPort
        // keeps it on its own port, or to this machine's callers.
        app.MapMetrics(settings => settings.Registry = registry, "/metrics")
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]));
        return app;
    }
}
