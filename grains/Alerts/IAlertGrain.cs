
namespace Grid.Grains.Alerts;

/// <summary>
/// The alert grain of the anomalies stream (key <see cref="Detection.AnomalyStream.Key"/>): it
/// matches each level change to subscriptions and election windows, drops duplicates, and hands
/// each delivery to its subscription's <see cref="ISubscriptionOutboxGrain"/>, which sends it.
/// </summary>
public interface IAlertGrain : IGrainWithStringKey
{
    /// <summary>
    /// Deliveries of every subscription's outbox, newest first; <paramref name="status"/> is
    /// pending, delivered or failed (dead letters), or null for all.
    /// </summary>
    Task<AlertDelivery[]> List(AlertDeliveryStatus? status);

    /// <summary>Activates every subscription's outbox so its deliveries resume after a restart; returns the number pending.</summary>
    Task<int> Resume();
}
