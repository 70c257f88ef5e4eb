using Grid.Runtime.Hosting;
using Grid.Runtime.Serialization;
using Grid.Runtime.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Runtime.Activation;

/// <summary>
/// The single-silo runtime: the directory of activations, how work reaches them, idle collection,
/// and shutdown. Everything a grain reaches through its base class comes from here.
/// </summary>
public sealed partial class GrainRuntime
{
    private readonly Lazy<IGrainFactory> _grainFactory;
    private readonly Lazy<IImplicitSubscriberActivations?> _implicitSubscriberActivations;
    private readonly Lazy<IGrainOwnership> _ownership;
    private volatile bool _stopping;

    public GrainRuntime(GrainTypeRegistry registry, GridSerializer serializer, IOptions<GridRuntimeOptions> options, ILogger<GrainRuntime> logger, IServiceProvider services)
    {
        Registry = registry;
        Options = options.Value;
        Logger = logger;
        Services = services;
        Directory = new ActivationDirectory(this);
        Activator = new GrainActivator(services, serializer);
        Streams = new LocalStreamProvider(this);
        _grainFactory = new Lazy<IGrainFactory>(services.GetRequiredService<IGrainFactory>);
        _implicitSubscriberActivations = new Lazy<IImplicitSubscriberActivations?>(services.GetService<IImplicitSubscriberActivations>);
        _ownership = new Lazy<IGrainOwnership>(() => services.GetService<IGrainOwnership>() ?? SingleSiloOwnership.Instance);
    }

    public GrainTypeRegistry Registry { get; }

    public GridRuntimeOptions Options { get; }

    public IServiceProvider Services { get; }

    public IGrainFactory GrainFactory => _grainFactory.Value;

    public int ActivationCount => Directory.Count;

    /// <summary>Turns waiting in this silo's activation queues, summed (calls, timer ticks, stream events).</summary>
    public long QueuedTurns => Directory.All.Sum(a => (long)a.QueueLength);

    /// <summary>
    /// The grains of type <paramref name="grainType"/> (e.g. <c>country</c>) that are active on this
    /// silo now. Listing them activates nothing, so metrics can export only what this silo owns.
    /// </summary>
    public IReadOnlyList<GrainId> ActiveGrains(string grainType) =>
        [.. Directory.All.Where(a => a.Id.Type == grainType && a.State == ActivationState.Active).Select(a => a.Id)];

    public bool IsStopping => _stopping;

    internal ILogger Logger { get; }

    internal ActivationDirectory Directory { get; }

    internal IGrainOwnership Ownership => _ownership.Value;

    internal GrainActivator Activator { get; }

    internal LocalStreamProvider Streams { get; }

    /// <summary>Set when a durable stream provider feeds implicit subscribers; null for in-process streams.</summary>
    internal IImplicitSubscriberActivations? ImplicitSubscriberActivations => _implicitSubscriberActivations.Value;

    /// <summary>Queues work for a grain, activating it if needed. Never blocks on the grain's turn.</summary>
    internal void Post(GrainId id, IActivationWorkItem item)
    {
        if (_stopping)
        {
            item.Fail(new SiloUnavailableException($"The silo is shutting down; {id} cannot take new work."));
            return;
        }

        var spin = default(SpinWait);
        while (!Directory.GetOrCreate(id).TryPost(item))
        {
            // The activation we found has just left (deactivated or failed); its successor or
            // removal is one step away.
            spin.SpinOnce();
        }
    }

    /// <summary>Queues a deactivation for every activation idle longer than the idle timeout.</summary>
    public int CollectIdle()
    {
        var collected = 0;
        foreach (var activation in Directory.All)
        {
            if (activation.State == ActivationState.Active && !activation.IsBusy && !activation.IsKeptAlive && activation.IdleFor >= Options.IdleTimeout
                && activation.TryPost(new DeactivateWorkItem(DeactivationReason.IdleTimeout, Options.IdleTimeout)))
            {
                collected++;
            }
        }

        return collected;
    }

    /// <summary>
    /// Fails calls that waited longer than <see cref="GridRuntimeOptions.CallTimeout"/>. One sweep
    /// over busy activations replaces a timer per call, which cost more than the calls themselves.
    /// </summary>
    public void ExpireOverdueCalls()
    {
        if (Options.CallTimeout == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        var now = Environment.TickCount64;
        foreach (var activation in Directory.All)
        {
            if (activation.IsBusy)
            {
                activation.ExpireOverdue(Options.CallTimeout, now);
            }
        }
    }

    /// <summary>Deactivates every grain (they may still call each other meanwhile), then refuses new work.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        for (var round = 0; round < 3 && Directory.Count > 0; round++)
        {
            var leaving = Directory.All.ToList();
            foreach (var activation in leaving)
            {
                activation.TryPost(new DeactivateWorkItem(DeactivationReason.ShuttingDown));
            }

            await Task.WhenAll(leaving.Select(a => a.Gone)).WaitAsync(Options.DeactivationTimeout, cancellationToken).ConfigureAwait(false);
        }

        _stopping = true;
        LogStopped(Logger, Directory.Count);
    }

    /// <summary>Whether <paramref name="id"/> has an activation on this silo (in any state).</summary>
    internal bool HasActivation(GrainId id) => Directory.Contains(id);

    /// <summary>
    /// Queues a hand-over of <paramref name="activation"/> (OnDeactivateAsync, then release of its claim) so
    /// that the silo placement now prefers adopts it. False if it is not active here.
    /// </summary>
    internal bool HandOver(GrainActivation activation) =>
        activation.State == ActivationState.Active && activation.TryPost(new DeactivateWorkItem(DeactivationReason.Rebalancing));

    /// <summary>
    /// This silo was declared dead: drop every activation without OnDeactivateAsync (its state
    /// writes would be refused anyway) and take no more work.
    /// </summary>
    internal int AbandonAll()
    {
        _stopping = true;
        var dropped = 0;
        foreach (var activation in Directory.All.ToList())
        {
            activation.Abandon();
            dropped++;
        }

        return dropped;
    }

    internal void LogTimerFailed(Exception exception, GrainId id) => LogTimerFailure(Logger, exception, id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A timer callback of {GrainId} failed; the timer keeps running")]
    private static partial void LogTimerFailure(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Grain runtime stopped; {Remaining} activations remained")]
    private static partial void LogStopped(ILogger logger, int remaining);
}
