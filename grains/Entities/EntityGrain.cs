using Grid.Grains.Detection;
using Grid.Grains.Signals;
using Grid.Grains.Visibility;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Entities;

/// <summary>
/// The signals of one entity: the union of its visible IPv4 and IPv6 space, signals recorded by
/// name (<c>probes</c>: the /24s active probing finds up, with median RTT and loss beside it), their
/// histories, and detection over them (EntityGrain.Detection.cs).
/// It stays active while the silo runs, because its visible space lives only in memory (rebuilt
/// from feeds); its histories and detection state are written to grain state once per step when they changed.
/// </summary>
public abstract partial class EntityGrain(
    IPersistentState<EntityState> state,
    IOptions<SignalOptions> options,
    IOptions<VisibilityOptions> visibility,
    DetectionServices detection,
    ILogger<EntityGrain> logger) : Grain, IEntityGrain
{
    private readonly VisibilityEpoch _epoch = new(visibility.Value.EpochGrace);
    private VisibleSpace _ipv4 = new(24);
    private VisibleSpace _ipv6 = new(48);
    private DateTimeOffset _heldAt;
    private readonly SignalSeries _bgp = new(options.Value.Step, options.Value.Retention);
    private readonly SignalSeries _bgp6 = new(options.Value.Step, options.Value.Retention);
    private readonly Dictionary<string, SignalSeries> _recorded = new(StringComparer.Ordinal);
    // RTT and loss describe the probes signal; they are kept, not judged, so they stay out of _recorded.
    private readonly SignalSeries _probesRtt = new(options.Value.Step, options.Value.Retention);
    private readonly SignalSeries _probesLoss = new(options.Value.Step, options.Value.Retention);
    private bool _dirty;

    protected abstract string Kind { get; }

    /// <summary>True once the entity has had a signal: an API lookup of an unseen entity must not pin a grain.</summary>
    public bool HasData => state.State.UpdatedAt is not null || _ipv4.PrefixCount + _ipv6.PrefixCount > 0 || state.State.LatestProbes is not null;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        detection.Activations.Activated(this.GetGrainId().Type.ToString()!, this.GetPrimaryKeyString());
        _bgp.Restore(state.State.Bgp);
        _bgp6.Restore(state.State.Bgp6);
        foreach (var (name, points) in state.State.Recorded)
        {
            SeriesOf(name).Restore(points);
        }

        _probesRtt.Restore(state.State.ProbesRtt);
        _probesLoss.Restore(state.State.ProbesLoss);
        await RestoreVisibleSpaceAsync();
        this.RegisterGrainTimer(_ => PersistAsync(), options.Value.Step, options.Value.Step);
        this.RegisterGrainTimer(_ => TickAsync(), detection.Options.Tick, detection.Options.Tick);
        await RefreshElectionsAsync();
        // Changes persisted by an activation that died before it published them (EntityGrain.Detection.cs).
        await PublishUnpublishedAsync();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        detection.Activations.Deactivated(this.GetGrainId().Type.ToString()!, this.GetPrimaryKeyString());
        // A graceful move (shutdown, rebalance): the next activation takes the space over as it is.
        // While holding, the space is partial or lost: no snapshot, so the next one rebuilds too.
        if (!_epoch.Holding && (_epoch.Current != 0 || _ipv4.PrefixCount + _ipv6.PrefixCount > 0))
        {
            state.State.Snapshot = VisibleSnapshot.Of(_epoch.Current, _ipv4, _ipv6);
            _dirty = true;
        }

        return PersistAsync();
    }

    /// <summary>
    /// Takes over the snapshot of a graceful move, or, when there is none of the persisted epoch
    /// (a crash: the space lived only in the dead silo's memory), holds the BGP readings and asks
    /// the collector to re-emit its table (VisibilityEpoch). The snapshot is cleared at once, so a
    /// later crash never restores it.
    /// </summary>
    private async Task RestoreVisibleSpaceAsync()
    {
        var epoch = state.State.VisibilityEpoch;
        var snapshot = state.State.Snapshot;
        var restored = snapshot is not null && snapshot.Epoch == epoch;
        if (restored)
        {
            VisibleSnapshot.Restore(snapshot!.IPv4, _ipv4);
            VisibleSnapshot.Restore(snapshot.IPv6, _ipv6);
            // It holds no other copy of its space: keep the grain while the silo runs.
            DelayDeactivation(TimeSpan.MaxValue);
        }

        _epoch.Restore(epoch, spaceLost: !restored);
        if (snapshot is not null)
        {
            state.State.Snapshot = null;
            await state.WriteStateAsync();
        }

        if (_epoch.Holding)
        {
            DelayDeactivation(TimeSpan.MaxValue);
            RequestRebuild(snapshot is null ? "adopted without a snapshot" : "adopted with a snapshot of another epoch");
        }
    }

    /// <summary>
    /// Not awaited: the rebuild calls back into this grain through the shards, and a grain waiting
    /// on that chain would never take the call (grains are not reentrant).
    /// </summary>
    private void RequestRebuild(string reason)
    {
        var entity = this.GetPrimaryKeyString();
        var request = GrainFactory.GetGrain<IVisibilityRebuildGrain>(IVisibilityRebuildGrain.Key).RequestRebuild(_epoch.Current, $"{entity}: {reason}");
        _ = request.ContinueWith(
            failed => LogRebuildRequestFailed(logger, failed.Exception!.GetBaseException(), entity),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Entity} lost its visible space and could not ask for a rebuild; it holds its BGP readings until the next epoch or Grid:Visibility:EpochGrace")]
    private static partial void LogRebuildRequestFailed(ILogger logger, Exception exception, string entity);

    public async Task ApplyVisibility(VisibilityDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        // The visible space lives only here: keep the grain while the silo runs.
        DelayDeactivation(TimeSpan.MaxValue);
        var wasHolding = _epoch.Holding;
        var verdict = _epoch.Admit(delta.Epoch, delta.Rebuilding);
        if (verdict == EpochVerdict.Stale)
        {
            return;
        }

        if (verdict == EpochVerdict.Reset)
        {
            // A new collector announces the whole table again: count it from zero, not on top.
            _ipv4 = new VisibleSpace(24);
            _ipv6 = new VisibleSpace(48);
            // Written now, before any of the new epoch is counted: an activation adopted after a
            // crash must know which epoch its lost space belonged to (RestoreVisibleSpaceAsync).
            _dirty = true;
            await PersistAsync();
        }

        // Steps that ended before this delta are judged on the values they closed with.
        await AdvanceAsync(delta.At);
        bool ipv4 = false, ipv6 = false;
        foreach (var change in delta.Changes)
        {
            OnChange(change);
            var space = change.Prefix.IsIPv4 ? _ipv4 : _ipv6;
            _ = change.Sign > 0 ? space.Add(change.Prefix) : space.Remove(change.Prefix);
            ipv4 |= change.Prefix.IsIPv4;
            ipv6 |= !change.Prefix.IsIPv4;
        }

        if (_epoch.Holding)
        {
            // The table is still loading: record nothing, the last reading stays in force.
            _heldAt = delta.At > _heldAt ? delta.At : _heldAt;
            Touch(delta.At);
            return;
        }

        if (wasHolding || verdict == EpochVerdict.Reset)
        {
            RecordVisibleSpace(delta.At);
        }
        else
        {
            RecordVisibleSpace(delta.At, ipv4, ipv6);
        }

        Touch(delta.At);
    }

    /// <summary>Records the visible space as BGP points; a family only when it changed, or has ever been seen.</summary>
    private void RecordVisibleSpace(DateTimeOffset at, bool? ipv4 = null, bool? ipv6 = null)
    {
        if (ipv4 ?? (_ipv4.PrefixCount > 0 || _bgp.Latest is not null))
        {
            _bgp.Record(at, _ipv4.Blocks);
        }

        if (ipv6 ?? (_ipv6.PrefixCount > 0 || _bgp6.Latest is not null))
        {
            _bgp6.Record(at, _ipv6.Blocks);
        }
    }

    /// <summary>A rebuild whose feed never said "loaded" ends after the grace: from then on its counts are the readings.</summary>
    private void EndHoldAfterGrace()
    {
        if (_epoch.GraceEnded())
        {
            RecordVisibleSpace(_heldAt);
            _dirty = true;
        }
    }

    public async Task RecordSignal(string signal, DateTimeOffset at, long value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(signal);
        if (signal is SignalNames.Bgp or SignalNames.Bgp6)
        {
            throw new ArgumentException($"'{signal}' is computed from routes (ApplyVisibility); record another signal name, such as probes.", nameof(signal));
        }

        DelayDeactivation(TimeSpan.MaxValue);
        await AdvanceAsync(at);
        SeriesOf(signal).Record(at, value);
        Touch(at);
    }

    public async Task ApplyProbes(ProbeBin bin)
    {
        ArgumentNullException.ThrowIfNull(bin);
        // The count of /24s up is the signal detection judges; RTT and loss ride along for throttling.
        await RecordSignal(SignalNames.Probes, bin.At, bin.BlocksUp);
        if (bin.MedianRttMs is { } rtt)
        {
            _probesRtt.Record(bin.At, (long)Math.Round(rtt * 1000));
        }

        if (bin.Loss is { } loss)
        {
            _probesLoss.Record(bin.At, (long)Math.Round(loss * 1_000_000));
        }

        state.State.LatestProbes = state.State.LatestProbes is { } previous && previous.At > bin.At ? previous : bin;
    }

    public Task<EntityStatus> Status()
    {
        var probes = state.State.LatestProbes;
        var (name, country) = Describe();
        var signals = new Dictionary<string, SignalStatus>(StringComparer.Ordinal)
        {
            [SignalNames.Bgp] = StatusOf(SignalNames.Bgp, _ipv4.Blocks, _bgp),
            [SignalNames.Bgp6] = StatusOf(SignalNames.Bgp6, _ipv6.Blocks, _bgp6),
        };
        foreach (var (signal, series) in _recorded)
        {
            signals[signal] = StatusOf(signal, series.Latest?.Value ?? 0, series);
        }

        if (probes is not null && signals.TryGetValue(SignalNames.Probes, out var probing))
        {
            signals[SignalNames.Probes] = probing with { MedianRttMs = probes.MedianRttMs, Loss = probes.Loss };
        }

        // Every entity shows both of Grid's signals, so pollers find the same shape before probing starts.
        signals.TryAdd(SignalNames.Probes, new SignalStatus(0, null));

        return Task.FromResult(new EntityStatus(
            this.GetPrimaryKeyString(),
            Kind,
            name,
            country,
            state.State.Detection.Level,
            signals,
            state.State.UpdatedAt,
            HasData,
            state.State.Detection.Open?.Snapshot()));
    }

    public Task<SignalHistory> History(DateTimeOffset from, DateTimeOffset until, TimeSpan step)
    {
        var signals = new Dictionary<string, SignalPoint[]>(StringComparer.Ordinal)
        {
            [SignalNames.Bgp] = [.. _bgp.Resample(from, until, step)],
            [SignalNames.Bgp6] = [.. _bgp6.Resample(from, until, step)],
        };
        foreach (var (signal, series) in _recorded)
        {
            signals[signal] = [.. series.Resample(from, until, step)];
        }

        if (_recorded.ContainsKey(SignalNames.Probes))
        {
            signals[SignalNames.ProbesRtt] = [.. _probesRtt.Resample(from, until, step)];
            signals[SignalNames.ProbesLoss] = [.. _probesLoss.Resample(from, until, step)];
        }

        return Task.FromResult(new SignalHistory(this.GetPrimaryKeyString(), from, until, step, signals));
    }

    public Task<OutageEvent[]> Events()
    {
        var detected = state.State.Detection;
        var events = detected.Open is null ? detected.Closed : detected.Closed.Append(detected.Open);
        return Task.FromResult(events.Select(e => e.Snapshot()).ToArray());
    }

    protected EntityState State => state.State;

    protected DetectionServices Detection => detection;

    /// <summary>Sees each change before it is applied (a country notes the origin AS).</summary>
    protected virtual void OnChange(PrefixDelta change)
    {
    }

    /// <summary>The entity's display name and, for an AS, its registration country.</summary>
    protected abstract (string? Name, string? Country) Describe();

    private SignalSeries SeriesOf(string signal)
    {
        if (!_recorded.TryGetValue(signal, out var series))
        {
            _recorded[signal] = series = new SignalSeries(options.Value.Step, options.Value.Retention);
        }

        return series;
    }

    private SignalStatus StatusOf(string signal, long value, SignalSeries series)
    {
        var reading = state.State.Detection.Signals.GetValueOrDefault(signal);
        return new SignalStatus(value, series.Latest?.At, reading?.Last?.Baseline, reading?.Last?.Ratio, reading?.Level ?? DetectionLevel.Unknown);
    }

    private void Touch(DateTimeOffset at)
    {
        state.State.UpdatedAt = state.State.UpdatedAt is { } previous && previous > at ? previous : at;
        detection.Clock.Observe(at);
        _dirty = true;
    }

    private async Task PersistAsync()
    {
        if (!_dirty)
        {
            return;
        }

        state.State.VisibilityEpoch = _epoch.Current;
        state.State.Bgp = [.. _bgp.Points];
        state.State.Bgp6 = [.. _bgp6.Points];
        state.State.Recorded = _recorded.ToDictionary(r => r.Key, r => r.Value.Points.ToList(), StringComparer.Ordinal);
        state.State.ProbesRtt = [.. _probesRtt.Points];
        state.State.ProbesLoss = [.. _probesLoss.Points];
        await state.WriteStateAsync();
        _dirty = false;
    }
}
