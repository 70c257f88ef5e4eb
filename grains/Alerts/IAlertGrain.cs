
namespace Grid.Grains.Alerts;

/// <summary>
/// The alert grain of the anomalies stream (key <see cref="Detection.AnomalyStream.Key"/>): it
/// matches each level change to subscriptions and election windows, drops duplicates, and
/// delivers from a persisted outbox.
/// </summary>
public interface IAlertGrain : IGrainWithStringKey
{
    /// <summary>Deliveries, newest first; <paramref name="status"/> is pending, delivered or failed (dead letters), or null for all.</summary>
    Task<AlertDelivery[]> List(string? status);

    /// <summary>Activates the grain so its outbox resumes after a restart; returns the number of pending deliveries.</summary>
    Task<int> Resume();
}
