namespace Grid.Grains.Alerts;

/// <summary>
/// The anomalies already handled (a redelivered stream event is not queued twice) and the
/// subscriptions whose outboxes hold deliveries (<c>GET /v1/alerts</c> reads them all, including
/// those of subscriptions since removed).
/// </summary>
[GenerateSerializer, Alias("grid.AlertState")]
public sealed class AlertState
{
    /// <summary>
    /// Deliveries stored by Grid before each subscription had its own outbox; the alert grain hands
    /// any it finds to their <see cref="ISubscriptionOutboxGrain"/> when it activates.
    /// </summary>
    [Id(0)]
    public List<AlertDelivery> Outbox { get; set; } = [];

    [Id(1)]
    public List<string> SeenAnomalies { get; set; } = [];

    [Id(2)]
    public HashSet<string> Outboxes { get; set; } = [];
}
