
namespace Grid.Grains.Alerts;

/// <summary>All alert subscriptions, in one grain keyed <see cref="Key"/>.</summary>
public interface ISubscriptionsGrain : IGrainWithStringKey
{
    public const string Key = "world";

    Task<Subscription> Add(Subscription subscription);

    /// <summary>With secrets: for the alert grain, which signs deliveries. The API shows <see cref="Subscription.View"/>.</summary>
    Task<Subscription[]> List();

    /// <summary>Removes the subscription and closes its outbox (<see cref="ISubscriptionOutboxGrain.Close"/>); false when there is none.</summary>
    Task<bool> Remove(string id);
}
