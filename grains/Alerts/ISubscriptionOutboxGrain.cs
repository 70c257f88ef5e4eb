
namespace Grid.Grains.Alerts;

/// <summary>
/// The outbox of one subscription (key: <see cref="Subscription.Id"/>): it owns that subscriber's
/// deliveries and their retries, so a slow or dead receiver delays only its own alerts.
/// </summary>
public interface ISubscriptionOutboxGrain : IGrainWithStringKey
{
    /// <summary>
    /// Writes <paramref name="delivery"/> to the outbox and returns once it is stored; it is sent
    /// afterwards. A delivery whose <see cref="AlertDelivery.Id"/> is already held is dropped, so
    /// enqueuing again after a crash sends nothing twice.
    /// </summary>
    Task Enqueue(AlertDelivery delivery);

    /// <summary>Deliveries, newest first; <paramref name="status"/> is pending, delivered or failed, or null for all.</summary>
    Task<AlertDelivery[]> List(AlertDeliveryStatus? status);

    /// <summary>Activates the grain so its pending deliveries resume; returns how many are pending.</summary>
    Task<int> Resume();

    /// <summary>
    /// For a deleted subscription: aborts the attempt in flight, marks every pending delivery
    /// cancelled, and takes nothing more; returns how many were pending.
    /// </summary>
    Task<int> Close();
}
