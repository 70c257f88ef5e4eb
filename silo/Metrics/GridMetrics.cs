namespace Grid.Silo.Metrics;

/// <summary>
/// <c>GET /metrics</c> in the Prometheus text format 0.0.4: the gauges of the country and AS
/// grains active on this silo (<see cref="EntityGauges"/>), then Grid's health and .NET's runtime
/// instruments (<see cref="MeterCollector"/>).
/// </summary>
public static class GridMetrics
{
    public static WebApplicationBuilder AddGridMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>().Bind(builder.Configuration.GetSection(MetricsOptions.Section))
            .Validate(o => o.MaxAsSeries >= 0, "Grid:Metrics:MaxAsSeries must be 0 or more.")
            .ValidateOnStart();
        builder.Services.AddSingleton<EntityGauges>();
        builder.Services.AddSingleton<SiloHealthInstruments>();
        builder.Services.AddSingleton<MeterCollector>();
        return builder;
    }

    public static WebApplication MapGridMetrics(this WebApplication app)
    {
        // Instruments exist before the first scrape, so rate() has a starting point.
        app.Services.GetRequiredService<SiloHealthInstruments>();
        app.Services.GetRequiredService<MeterCollector>();
        app.MapGet("/metrics", WriteAsync);
        return app;
    }

    private static async Task<IResult> WriteAsync(EntityGauges entities, MeterCollector meters)
    {
        var writer = new ExpositionWriter();
        await entities.WriteAsync(writer);
        meters.Write(writer);
        return Results.Text(writer.ToString(), ExpositionWriter.ContentType);
    }
}
