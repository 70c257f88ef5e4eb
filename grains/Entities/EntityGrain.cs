using Grid.Grains.Detection;
using Grid.Grains.Signals;
using Grid.Grains.Visibility;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Entities;

/// <summary>
/// The signals of one entity: its visible IPv4 and IPv6 space (the sum of what the prefix shards
/// report, <see cref="EntityVisibility"/>), signals recorded by name (<c>probes</c>: the /24s active
/// probing finds up, with median RTT and loss beside it), their histories, and detection over them
/// (EntityGrain.Detection.cs). It stays active while the silo runs, so detection ticks on; its
/// histories, shard counts and detection state are written to grain state once per step when they changed.
/// </summary>
public abstract partial class EntityGrain(
    IPersistentState<EntityState> state,
    IOptions<SignalOptions> options,
    IOptions<VisibilityOptions> visibility,
    DetectionServices detection,
    ILogger<EntityGrain> logger) : Grain, IEntityGrain, IIncomingGrainCallFilter
{
    private readonly EntityVisibility _visible = new();
    private readonly SignalSeries _bgp = new(options.Value.Step, options.Value.Retention);
    private readonly SignalSeries _bgp6 = new(options.Value.Step, options.Value.Retention);
    private readonly Dictionary<string, SignalSeries> _recorded = new(StringComparer.Ordinal);
    // RTT and loss describe the probes signal; they are kept, not judged, so they stay out of _recorded.
    private readonly SignalSeries _probesRtt = new(options.Value.Step, options.Value.Retention);
    private readonly SignalSeries _probesLoss = new(options.Value.Step, options.Value.Retention);
    private bool _dirty;

    protected abstract string Kind { get; }

    /// <summary>
    /// Whether the shard list is written the moment a new shard reports, rather than at the next
    /// step. A table load brings every entity its first reports at once: 250 countries can each
    /// write then, 75k ASes cannot (the storage would queue them past the shards' call timeout).
    /// </summary>
    protected virtual bool PersistsNewShardsAtOnce => true;

    /// <summary>True once the entity has had a signal: an API lookup of an unseen entity must not pin a grain.</summary>
    public bool HasData => state.State.UpdatedAt is not null || _visible.Prefixes > 0 || state.State.LatestProbes is not null;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        detection.Activations.Activated(this.GetGrainId().Type.ToString()!, this.GetPrimaryKeyString());
        detection.Board.Activated(this.GetPrimaryKeyString());
        _bgp.Restore(state.State.Bgp);
        _bgp6.Restore(state.State.Bgp6);
        foreach (var (name, points) in state.State.Recorded)
        {
            SeriesOf(name).Restore(points);
        }

        _probesRtt.Restore(state.State.ProbesRtt);
        _probesLoss.Restore(state.State.ProbesLoss);
        _visible.Restore(state.State.Shards);
        _probes.Restore(state.State.ProbeShards);
        // Reports pushed while no activation was alive (the silo died) are read from the shards now.
        await ReconcileAsync();
        await ReadProbeShardsAsync();
        this.RegisterGrainTimer(_ => PersistAsync(), options.Value.Step, options.Value.Step);
        // Timers do not pass through the call filter below: the ones that change the status say so.
        this.RegisterGrainTimer(_ => ChangingAsync(ReconcileAsync), visibility.Value.Reconcile, visibility.Value.Reconcile);
        this.RegisterGrainTimer(_ => ChangingAsync(TickAsync), detection.Options.Tick, detection.Options.Tick);
        await RefreshElectionsAsync();
        // Changes persisted by an activation that died before it published them (EntityGrain.Detection.cs).
        await PublishUnpublishedAsync();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        detection.Activations.Deactivated(this.GetGrainId().Type.ToString()!, this.GetPrimaryKeyString());
        detection.Board.Deactivated(this.GetPrimaryKeyString());
        return PersistAsync();
    }

    /// <summary>
    /// Every call but the [ReadOnly] ones may change what Status() says: the silo's status board
    /// moves this entity's version after it, so the API asks again rather than answer from a copy.
    /// </summary>
    async Task IIncomingGrainCallFilter.Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        finally
        {
            if (!ReadOnlyMethods.IsReadOnly(context.InterfaceMethod))
            {
                detection.Board.Changed(this.GetPrimaryKeyString());
            }
        }
    }

    private async Task ChangingAsync(Func<Task> change)
    {
        try
        {
            await change();
        }
        finally
        {
            detection.Board.Changed(this.GetPrimaryKeyString());
        }
    }

    public Task ReportVisibility(params ShardVisibility[] reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        DelayDeactivation(TimeSpan.MaxValue);
        return TakeAsync(reports);
    }

    private async Task TakeAsync(ShardVisibility[] reports)
    {
        var newShards = false;
        // In event-time order: steps close on the values they had, whatever order the shards sent in.
        foreach (var report in reports.Length == 1 ? reports : reports.OrderBy(r => r.At).ToArray())
        {
            newShards |= await TakeAsync(report);
        }

        if (newShards && PersistsNewShardsAtOnce)
        {
            // Written at once: an activation after a crash finds its shards only in this list.
            await PersistAsync();
        }
    }

    /// <summary>
    /// Takes a shard's count when it is newer than the one held; steps that ended before it are
    /// judged on the values they closed with. True when the shard is new to this entity.
    /// </summary>
    private async Task<bool> TakeAsync(ShardVisibility report)
    {
        if (!_visible.Admits(report))
        {
            return false;
        }

        await AdvanceAsync(report.At);
        // AdvanceAsync may have awaited: a newer report of the same shard cannot have landed (grains
        // are not reentrant), but check again rather than rely on it.
        if (!_visible.Admits(report))
        {
            return false;
        }

        var firstFromShard = _visible.Apply(report);
        OnOrigins(report.Origins);
        RecordVisibleSpace(report.At, report.IsIPv4, !report.IsIPv4);
        Touch(report.At);
        return firstFromShard;
    }

    /// <summary>
    /// Reads this entity's count from every shard that ever reported for it. Run at activation and
    /// every Grid:Visibility:Reconcile: it heals a report lost with a silo. A shard that fails to
    /// answer is read at the next round; its last count stays in force meanwhile.
    /// </summary>
    private async Task ReconcileAsync()
    {
        var shards = _visible.Shards.ToArray();
        if (shards.Length == 0)
        {
            return;
        }

        var entity = this.GetPrimaryKeyString();
        var reads = shards.Select(shard => GrainFactory.GetGrain<IPrefixShardGrain>(shard).VisibilityOf(entity)).ToArray();
        try
        {
            await Task.WhenAll(reads);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReconcileFailed(logger, entity, e.GetBaseException().Message);
        }

        await TakeAsync([.. reads.Where(r => r.IsCompletedSuccessfully).Select(r => r.Result)]);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Entity} could not read all its prefix shards ({Reason}); their last counts stay until the next read")]
    private static partial void LogReconcileFailed(ILogger logger, string entity, string reason);

    /// <summary>Records the visible space as BGP points; a family only when it changed, or has ever been seen.</summary>
    private void RecordVisibleSpace(DateTimeOffset at, bool? ipv4 = null, bool? ipv6 = null)
    {
        if (ipv4 ?? (_visible.IPv4Blocks > 0 || _bgp.Latest is not null))
        {
            _bgp.Record(at, _visible.IPv4Blocks);
        }

        if (ipv6 ?? (_visible.IPv6Blocks > 0 || _bgp6.Latest is not null))
        {
            _bgp6.Record(at, _visible.IPv6Blocks);
        }
    }

    public async Task RecordSignal(string signal, DateTimeOffset at, long value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(signal);
        if (signal is SignalNames.Bgp or SignalNames.Bgp6)
        {
            throw new ArgumentException($"'{signal}' is computed from routes (ReportVisibility); record another signal name, such as probes.", nameof(signal));
        }

        DelayDeactivation(TimeSpan.MaxValue);
        await AdvanceAsync(at);
        SeriesOf(signal).Record(at, value);
        Touch(at);
    }

    public Task<EntityStatus> Status()
    {
        var probes = state.State.LatestProbes;
        var (name, country) = Describe();
        var signals = new Dictionary<string, SignalStatus>(StringComparer.Ordinal)
        {
            [SignalNames.Bgp] = StatusOf(SignalNames.Bgp, _visible.IPv4Blocks, _bgp),
            [SignalNames.Bgp6] = StatusOf(SignalNames.Bgp6, _visible.IPv6Blocks, _bgp6),
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

    /// <summary>Origin ASes of the entity's visible space that a shard reported (a country keeps them).</summary>
    protected virtual void OnOrigins(uint[] origins)
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

        state.State.Shards = _visible.Snapshot();
        state.State.Bgp = [.. _bgp.Points];
        state.State.Bgp6 = [.. _bgp6.Points];
        state.State.Recorded = _recorded.ToDictionary(r => r.Key, r => r.Value.Points.ToList(), StringComparer.Ordinal);
        state.State.ProbesRtt = [.. _probesRtt.Points];
        state.State.ProbesLoss = [.. _probesLoss.Points];
        await state.WriteStateAsync();
        _dirty = false;
    }
}
