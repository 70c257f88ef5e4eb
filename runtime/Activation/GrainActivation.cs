using Grid.Runtime.Streams;
using Grid.Runtime.Timers;
using Microsoft.Extensions.Logging;

namespace Grid.Runtime.Activation;

/// <summary>
/// The one live instance of a grain in this silo, with its mailbox. Calls, timer ticks and stream
/// events are turns in one FIFO, so the grain never runs two at once and needs no locks.
/// </summary>
internal sealed partial class GrainActivation : TurnQueue<IActivationWorkItem>
{
    private readonly TaskCompletionSource _gone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<GrainTimer> _timers = [];
    private readonly Dictionary<StreamId, IStreamDelivery> _streamHandlers = [];
    private readonly List<StreamSubscriptionHandle> _subscriptions = [];
    private ActivationState _state = ActivationState.Activating;
    private Grain? _grain;
    private bool _deactivationRequested;
    private long _lastActivityTicks = Environment.TickCount64;
    private long _keepAliveUntilTicks;
    private volatile IActivationWorkItem? _running;

    public GrainActivation(GrainId id, GrainClass grainClass, GrainRuntime runtime)
    {
        Id = id;
        Class = grainClass;
        Runtime = runtime;
        Preload([new ActivateWorkItem()]);
    }

    public GrainId Id { get; }

    public GrainClass Class { get; }

    public GrainRuntime Runtime { get; }

    /// <summary>The fencing token of this activation's directory claim (0 on a single silo); its state writes carry it.</summary>
    public long Fencing { get; private set; }

    public Grain GrainInstance => _grain ?? throw new InvalidOperationException($"{Id} is not active.");

    public ActivationState State
    {
        get
        {
            lock (Gate)
            {
                return _state;
            }
        }
    }

    /// <summary>Completes when this activation is deactivated or has failed to activate.</summary>
    public Task Gone => _gone.Task;

    public TimeSpan IdleFor => TimeSpan.FromMilliseconds(Environment.TickCount64 - Interlocked.Read(ref _lastActivityTicks));

    protected override bool AcceptsItems => _state is not (ActivationState.Deactivated or ActivationState.Failed);

    /// <summary>True while <see cref="Grain.DelayDeactivation"/> protects this activation from idle collection.</summary>
    public bool IsKeptAlive => Environment.TickCount64 < Interlocked.Read(ref _keepAliveUntilTicks);

    public void KeepAliveFor(TimeSpan period)
    {
        var until = period >= TimeSpan.FromDays(365 * 100) ? long.MaxValue : Environment.TickCount64 + (long)period.TotalMilliseconds;
        Interlocked.Exchange(ref _keepAliveUntilTicks, until);
    }

    public void MarkActivity() => Interlocked.Exchange(ref _lastActivityTicks, Environment.TickCount64);

    protected override void OnPumpStart() => RuntimeContext.Current = this;

    protected override async ValueTask ExecuteAsync(IActivationWorkItem item)
    {
        if (item.CountsAsActivity)
        {
            MarkActivity();
        }

        _running = item;
        await item.ExecuteAsync(this).ConfigureAwait(false);
        _running = null;
        if (_deactivationRequested && State == ActivationState.Active)
        {
            await DeactivateAsync(DeactivationReason.ApplicationRequested).ConfigureAwait(false);
        }
    }

    protected override void OnUnexpected(Exception exception) => LogUnexpected(Runtime.Logger, exception, Id);

    /// <summary>The activation turn: claim the grain, build it, load its state, run OnActivateAsync.</summary>
    internal async Task ActivateAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(Runtime.Options.ActivationTimeout);

            // The claim comes first: state read before it could be overwritten by the owner we lost to.
            Fencing = await Runtime.Ownership.ClaimAsync(Id, timeout.Token).ConfigureAwait(false);
            var created = await Runtime.Activator.CreateAsync(Class, Id, timeout.Token).ConfigureAwait(false);
            _grain = created;
            created.Activation = this;
            await created.OnActivateAsync(timeout.Token).ConfigureAwait(false);
            lock (Gate)
            {
                _state = ActivationState.Active;
            }
        }
        catch (Exception ex) when (ex is GrainOwnedElsewhereException or SiloUnavailableException)
        {
            // Not a fault: the grain lives elsewhere, and its callers retry there.
            FailActivation(ex);
        }
        catch (Exception ex)
        {
            LogActivationFailed(Runtime.Logger, ex, Id);
            FailActivation(ex);
            return;
        }

        if (Class.ImplicitStreamNamespaces.Count > 0)
        {
            Runtime.ImplicitSubscriberActivations?.Activated(this);
        }
    }

    /// <summary>
    /// Drops this activation without running OnDeactivateAsync or writing state: the cluster
    /// declared this silo dead, so another silo may already own the grain.
    /// </summary>
    internal void Abandon()
    {
        StopTimers();
        List<IActivationWorkItem> queued;
        lock (Gate)
        {
            _state = ActivationState.Deactivated;
            queued = DrainUnderGate();
        }

        Runtime.Directory.Remove(this);
        var gone = new SiloUnavailableException($"This silo was declared dead; {Id} runs elsewhere now.");
        foreach (var item in queued)
        {
            item.Fail(gone);
        }

        _gone.TrySetResult();
    }

    private void FailActivation(Exception exception)
    {
        StopTimers();
        List<IActivationWorkItem> queued;
        lock (Gate)
        {
            _state = ActivationState.Failed;
            queued = DrainUnderGate();
        }

        Runtime.Directory.Remove(this);
        foreach (var item in queued)
        {
            item.Fail(exception);
        }

        _gone.TrySetResult();
    }

    /// <summary>Runs as a turn: OnDeactivateAsync, then hands queued work to a successor activation.</summary>
    internal async Task DeactivateAsync(DeactivationReason reason)
    {
        lock (Gate)
        {
            if (_state != ActivationState.Active)
            {
                return;
            }

            _state = ActivationState.Deactivating;
        }

        StopTimers();
        try
        {
            using var timeout = new CancellationTokenSource(Runtime.Options.DeactivationTimeout);
            await GrainInstance.OnDeactivateAsync(reason, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The grain is going either way; its next activation reads the last state it wrote.
            LogDeactivationFailed(Runtime.Logger, ex, Id);
        }

        ReleaseSubscriptions();
        if (Fencing != 0)
        {
            await ReleaseClaimAsync(handOver: reason is DeactivationReason.ShuttingDown or DeactivationReason.Rebalancing).ConfigureAwait(false);
        }

        List<IActivationWorkItem> queued;
        lock (Gate)
        {
            _state = ActivationState.Deactivated;
            queued = DrainUnderGate();
        }

        // Queued work moves to the successor before this activation leaves the directory, so
        // later posts line up behind it and per-stream order survives the hand-over. A grain that
        // moves to another silo has no successor here: its queued callers retry at the new owner.
        Runtime.Directory.Replace(this, [.. queued.Where(i => i.Redirectable)], movedAway: reason == DeactivationReason.Rebalancing);
        LogDeactivated(Runtime.Logger, Id, reason);
        _gone.TrySetResult();
    }

    private async Task ReleaseClaimAsync(bool handOver)
    {
        try
        {
            using var timeout = new CancellationTokenSource(Runtime.Options.DeactivationTimeout);
            await Runtime.Ownership.ReleaseAsync(Id, Fencing, handOver, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The claim stays until this silo leaves or dies; then the grain is adopted anyway.
            LogReleaseFailed(Runtime.Logger, ex, Id);
        }
    }

    internal void RequestDeactivation() => _deactivationRequested = true;

    /// <summary>Fails calls (queued, or running) whose callers have waited longer than <paramref name="timeout"/>.</summary>
    internal void ExpireOverdue(TimeSpan timeout, long now)
    {
        var limit = (long)timeout.TotalMilliseconds;
        if (_running is { } running && now - running.CreatedAt > limit)
        {
            running.Expire(timeout);
        }

        VisitQueued(item =>
        {
            if (now - item.CreatedAt > limit)
            {
                item.Expire(timeout);
            }
        });
    }

    internal void Carry(IEnumerable<IActivationWorkItem> items) => Preload(items);

    internal void StartCarried() => StartIfPending();

    internal IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period, bool keepAlive)
    {
        var timer = new GrainTimer(this, callback, dueTime, period, keepAlive);
        lock (Gate)
        {
            _timers.Add(timer);
        }

        timer.Start();
        return timer;
    }

    internal void ForgetTimer(GrainTimer timer)
    {
        lock (Gate)
        {
            _timers.Remove(timer);
        }
    }

    private void StopTimers()
    {
        GrainTimer[] timers;
        lock (Gate)
        {
            timers = [.. _timers];
            _timers.Clear();
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }

    /// <summary>Called from grain code (inside a turn) when the grain subscribes to a stream.</summary>
    internal void SetStreamHandler(StreamId stream, IStreamDelivery handler) => _streamHandlers[stream] = handler;

    internal void RemoveStreamHandler(StreamId stream) => _streamHandlers.Remove(stream);

    internal void TrackSubscription(StreamSubscriptionHandle handle) => _subscriptions.Add(handle);

    /// <summary>Explicit subscriptions end with the activation; implicit ones belong to the grain and outlive it.</summary>
    private void ReleaseSubscriptions()
    {
        foreach (var handle in _subscriptions)
        {
            _ = handle.UnsubscribeAsync();
        }

        _subscriptions.Clear();
        _streamHandlers.Clear();
    }

    internal IStreamDelivery? StreamHandler(StreamId stream) => _streamHandlers.GetValueOrDefault(stream);

    [LoggerMessage(Level = LogLevel.Error, Message = "Activation of {GrainId} failed; its queued calls fail with the same error and the next call retries")]
    private static partial void LogActivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OnDeactivateAsync of {GrainId} failed")]
    private static partial void LogDeactivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the directory claim of {GrainId}; it passes on when this silo leaves")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deactivated {GrainId} ({Reason})")]
    private static partial void LogDeactivated(ILogger logger, GrainId grainId, DeactivationReason reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Runtime fault in the mailbox of {GrainId}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, GrainId grainId);
}
