namespace Grid.Grains.Alerts;

/// <summary>One subscription's deliveries: pending, dead letters, and the newest delivered ones.</summary>
[GenerateSerializer, Alias("grid.SubscriptionOutboxState")]
public sealed class SubscriptionOutboxState
{
    [Id(0)]
    public List<AlertDelivery> Outbox { get; set; } = [];

    /// <summary>Set when the subscription is deleted: nothing more is queued or sent.</summary>
    [Id(1)]
    public bool Closed { get; set; }
}
