using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Grid.Grains.Alerts;

/// <summary>Traces (a span per webhook attempt) and counters of alert deliveries: source and meter <c>Grid.Alerts</c>.</summary>
public static class AlertTelemetry
{
    public const string Name = "Grid.Alerts";

    public static readonly ActivitySource Source = new(Name);

    internal static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> Attempts = Meter.CreateCounter<long>("grid.alert.delivery.attempts", description: "Webhook delivery attempts, by outcome (sent or failed).");
}
