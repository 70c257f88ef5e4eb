namespace Grid.Grains.Alerts;

/// <summary>Every alert subscription, with its secret.</summary>
[GenerateSerializer, Alias("grid.SubscriptionsState")]
public sealed class SubscriptionsState
{
    [Id(0)]
    public List<Subscription> Subscriptions { get; set; } = [];
}
