using Grid.Runtime.Activation;
using Grid.Runtime.Streams;
using Grid.Runtime.Timers;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Runtime;

/// <summary>
/// Base class of every grain. The runtime guarantees one activation per <see cref="GrainId"/> and
/// runs its calls one at a time (turn-based), so grain code needs no locks.
/// The runtime attaches the activation after the constructor: use the runtime from
/// <see cref="OnActivateAsync"/> onwards, not from the constructor.
/// </summary>
public abstract class Grain
{
    private GrainActivation? _activation;

    internal GrainActivation Activation
    {
        get => _activation ?? throw new InvalidOperationException(
            "This grain is not attached to the runtime yet: use the runtime from OnActivateAsync, not from the constructor.");
        set => _activation = value;
    }

    public GrainId GrainId => Activation.Id;

    protected IGrainFactory GrainFactory => Activation.Runtime.GrainFactory;

    public string GetPrimaryKeyString() => GrainId.Key;

    public long GetPrimaryKeyLong() => long.Parse(GrainId.Key, System.Globalization.CultureInfo.InvariantCulture);

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Starts a timer whose callback runs as a turn of this grain (never concurrently with a call).
    /// The next period starts when the callback has finished, as with Orleans grain timers.
    /// Ticks do not count as activity: a grain with only timers still deactivates when idle,
    /// unless <paramref name="keepAlive"/> is set.
    /// </summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period, bool keepAlive = false)
        => Activation.RegisterTimer(callback, dueTime, period, keepAlive);

    /// <summary>
    /// Keeps this grain from idle collection for at least <paramref name="period"/> (Orleans'
    /// DelayDeactivation). Grains whose memory is the only copy of their data, such as routing
    /// tables rebuilt from feeds, pass <see cref="TimeSpan.MaxValue"/>.
    /// </summary>
    protected void DelayDeactivation(TimeSpan period) => Activation.KeepAliveFor(period);

    /// <summary>Deactivates this grain once the current turn ends; queued calls go to a fresh activation.</summary>
    protected void DeactivateOnIdle() => Activation.RequestDeactivation();

    protected IStreamProvider GetStreamProvider(string name) =>
        Activation.Runtime.Services.GetRequiredKeyedService<IStreamProvider>(name);
}
