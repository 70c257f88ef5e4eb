namespace Grid.Grains.Alerts;

/// <summary>The outbox, and the anomalies already handled (a redelivered stream event is not queued twice).</summary>
[GenerateSerializer, Alias("grid.AlertState")]
public sealed class AlertState
{
    [Id(0)]
    public List<AlertDelivery> Outbox { get; set; } = [];

    [Id(1)]
    public List<string> SeenAnomalies { get; set; } = [];
}
