using System.Data.Common;

namespace Grid.Runtime.Streams.Durable;

/// <summary>
/// The events one pump posted together. Once one of them is kept (see <see cref="DeliveryOutcome.Kept"/>),
/// those queued behind it skip their turn, because delivering them first would break the order.
/// </summary>
internal sealed class DeliveryBatch
{
    private volatile bool _broken;

    public bool IsBroken => _broken;

    public void Break() => _broken = true;

    /// <summary>
    /// Failures that are not the event's fault: the silo of a grain it calls is gone or not yet
    /// adopted, a call timed out, the database is unreachable. The event waits in the log for them.
    /// </summary>
    public static bool IsInfrastructureFailure(Exception exception) =>
        exception is SiloUnavailableException or TimeoutException or HttpRequestException or DbException;
}
