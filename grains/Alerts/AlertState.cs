namespace Grid.Grains.Alerts;

/// <summary>The outbox, and the anomalies already handled (a redelivered stream event is not queued twice).</summary>
public sealed class AlertState
{
    public List<AlertDelivery> Outbox { get; set; } = [];

    public List<string> SeenAnomalies { get; set; } = [];
}
