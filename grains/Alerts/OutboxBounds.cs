using System.Globalization;

namespace Grid.Grains.Alerts;

/// <summary>
/// Keeps one subscription's outbox bounded: at most <see cref="AlertOptions.MaxPending"/> pending
/// deliveries (older ones become dead letters), and the newest <see cref="AlertOptions.KeptDelivered"/>
/// delivered and <see cref="AlertOptions.KeptFailed"/> dead ones. A receiver gone for good then costs
/// a fixed amount of state, and <c>GET /v1/alerts</c> a fixed amount of work.
/// </summary>
internal static class OutboxBounds
{
    /// <summary>
    /// Makes room for one more pending delivery: the oldest pending ones past the bound become dead
    /// letters, and are returned so a failed write can restore them.
    /// </summary>
    public static List<(AlertDelivery Delivery, string? Error)> MakeRoom(List<AlertDelivery> outbox, AlertOptions options)
    {
        var pending = outbox.Where(d => d.Status == AlertDeliveryStatus.Pending).OrderBy(d => d.CreatedAt).ToList();
        var evicted = pending.Take(pending.Count + 1 - options.MaxPending).Select(d => (d, d.LastError)).ToList();
        var error = string.Create(CultureInfo.InvariantCulture,
            $"dropped unsent: the outbox held {options.MaxPending} newer pending deliveries (Grid:Alerts:MaxPending)");
        foreach (var (delivery, last) in evicted)
        {
            delivery.Status = AlertDeliveryStatus.Failed;
            delivery.LastError = last is null ? error : $"{error}; last attempt: {last}";
        }

        return evicted;
    }

    /// <summary>Undoes <see cref="MakeRoom"/> when the write that followed it failed.</summary>
    public static void Restore(List<(AlertDelivery Delivery, string? Error)> evicted)
    {
        foreach (var (delivery, error) in evicted)
        {
            delivery.Status = AlertDeliveryStatus.Pending;
            delivery.LastError = error;
        }
    }

    /// <summary>Drops the oldest delivered and dead deliveries past what is kept.</summary>
    public static void Trim(List<AlertDelivery> outbox, AlertOptions options)
    {
        var dropped = Oldest(outbox, d => d.Status == AlertDeliveryStatus.Delivered, options.KeptDelivered)
            .Concat(Oldest(outbox, d => d.Status is AlertDeliveryStatus.Failed or AlertDeliveryStatus.Cancelled, options.KeptFailed))
            .ToHashSet();
        if (dropped.Count > 0)
        {
            outbox.RemoveAll(dropped.Contains);
        }
    }

    private static IEnumerable<AlertDelivery> Oldest(List<AlertDelivery> outbox, Func<AlertDelivery, bool> which, int kept) =>
        outbox.Where(which).OrderByDescending(d => d.CreatedAt).Skip(kept);
}
