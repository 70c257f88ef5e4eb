using System.Globalization;
using System.Text;
using Grid.Grains.Alerts;
using Grid.Grains.Detection;
using Grid.Grains.Entities;
using Grid.Grains.Geography;
using Grid.Runtime;

namespace Grid.Silo.Api;

/// <summary>
/// <c>GET /metrics</c> in the Prometheus text format (version 0.0.4), with what detection knows
/// today: each country's level and signals, the event log and the alert outbox. A stopgap until
/// the metrics work exports per-silo gauges of active grains; until then, in a cluster, scrape one silo.
/// </summary>
public static class DetectionMetrics
{
    private const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static WebApplication MapGridDetectionMetrics(this WebApplication app)
    {
        app.MapGet("/metrics", WriteAsync);
        return app;
    }

    private static async Task<IResult> WriteAsync(IGrainFactory grains, IGeography geography)
    {
        var statuses = await Task.WhenAll(geography.Countries.Order().Select(c => grains.GetGrain<ICountryGrain>(EntityKeys.Country(c)).Status()));
        var countries = statuses.Where(s => s.HasData).ToList();
        var events = await grains.GetGrain<IEventLogGrain>(IEventLogGrain.Key).Query(new EventQuery(null, null, null, null, null, 1, int.MaxValue));
        var deliveries = await grains.GetGrain<IAlertGrain>(AnomalyStream.Key).List(null);

        var text = new StringBuilder();
        Family(text, "grid_country_level", "Detection level of a country: 0 unknown, 1 normal, 2 warning, 3 critical.");
        foreach (var country in countries)
        {
            Sample(text, "grid_country_level", $"country=\"{country.Code}\"", DetectionLevel.Rank(country.Level));
        }

        // Each family's samples stay together, as the text format requires.
        var signals = countries.SelectMany(c => c.Signals.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => (Labels: $"country=\"{c.Code}\",signal=\"{s.Key}\"", s.Value))).ToList();
        Family(text, "grid_country_signal_value", "A country's signal: visible /24s (bgp), /48s (bgp6), blocks up (probes).");
        foreach (var (labels, status) in signals)
        {
            Sample(text, "grid_country_signal_value", labels, status.Value);
        }

        Family(text, "grid_country_signal_baseline", "The median of the signal's history window at the last evaluation.");
        foreach (var (labels, status) in signals.Where(s => s.Value.Baseline is not null))
        {
            Sample(text, "grid_country_signal_baseline", labels, status.Baseline!.Value);
        }

        Family(text, "grid_events", "Events in the event log, by status.");
        Sample(text, "grid_events", "status=\"active\"", events.Items.Count(e => e.IsOpen));
        Sample(text, "grid_events", "status=\"resolved\"", events.Items.Count(e => !e.IsOpen));
        Family(text, "grid_alert_deliveries", "Alert deliveries in the outbox, by status (failed: dead letters).");
        foreach (var status in new[] { AlertDelivery.Pending, AlertDelivery.Delivered, AlertDelivery.Failed })
        {
            Sample(text, "grid_alert_deliveries", $"status=\"{status}\"", deliveries.Count(d => d.Status == status));
        }

        return Results.Text(text.ToString(), ContentType);
    }

    private static void Family(StringBuilder text, string name, string help)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(" gauge\n");
    }

    private static void Sample(StringBuilder text, string name, string labels, double value) =>
        text.Append(name).Append('{').Append(labels).Append("} ").Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
}
