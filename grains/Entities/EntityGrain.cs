using Grid.Grains.Detection;
using Grid.Grains.Probing;
using Grid.Grains.Signals;
using Grid.Grains.Visibility;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace Grid.Grains.Entities;

/// <summary>
/// One country or AS. The grain takes calls, runs timers and talks to other grains; what it knows
/// lives in the plain parts it holds: the visible space summed over the prefix shards
/// (<see cref="EntityVisibility"/>), the probe bins summed over the probe shards
/// (<see cref="EntityProbes"/>), the signal series (<see cref="EntitySignals"/>), and detection with
/// its outbox (<see cref="EntityDetector"/>). It stays active while the silo runs, so detection
/// ticks on; its series, shard lists and detection state are written to grain state once per step
/// when they changed.
/// </summary>
public abstract partial class EntityGrain(
    IPersistentState<EntityState> state,
    IOptions<SignalOptions> options,
    IOptions<VisibilityOptions> visibility,
    DetectionServices detection,
    ILogger<EntityGrain> logger) : Grain, IEntityGrain, IIncomingGrainCallFilter, IDetectionOutputs
{
    private readonly EntityVisibility _visible = new();
    private readonly EntityProbes _probes = new(options.Value.MaxLateness);
    private readonly EntitySignals _signals = new(options.Value);
    private EntityDetector? _detector;
    private EntityKey? _key;
    private IAsyncStream<AnomalyEvent>? _anomalies;
    private int _ticksSinceElections;
    private bool _dirty;

    /// <summary>Who this grain is, read from its grain key (<c>BY</c>, <c>AS6697</c>).</summary>
    protected EntityKey Key => _key ??= EntityKey.Parse(this.GetPrimaryKeyString());

    /// <summary>
    /// True for kinds counted in thousands (75k ASes, some 3,400 regions) rather than hundreds
    /// (250 countries). Such an entity writes its shard list at the next step, not the moment a new
    /// shard reports: a table load brings every entity its first reports at once, and thousands of
    /// writes then would queue the storage past the shards' call timeout (one adopted within a step
    /// learns its shards again from their next change). And it looks at the election calendar on
    /// every tenth tick, not every tick, which is soon enough to see a new election.
    /// </summary>
    protected virtual bool IsOneOfThousands => false;

    private bool PersistsNewShardsAtOnce => !IsOneOfThousands;

    private int ElectionRefreshTicks => IsOneOfThousands ? 10 : 1;

    /// <summary>True once the entity has had a signal: an API lookup of an unseen entity must not pin a grain.</summary>
    public bool HasData => state.State.UpdatedAt is not null || _visible.Prefixes > 0 || _signals.LatestProbes is not null;

    protected EntityState State => state.State;

    // Made at first use, after activation read the state it works on.
    private EntityDetector Detector => _detector ??= new(state.State, detection.Options, detection.Elections, options.Value.Step, this, logger);

    /// <summary>The entity's country: a country's own code, an AS's registration country (null when unknown).</summary>
    private string? Country => Key.Kind == EntityKind.Country ? Key.Code : Describe().Country;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        detection.Activations.Activated(this.GetGrainId().Type.ToString()!, this.GetPrimaryKeyString());
        detection.Board.Activated(this.GetPrimaryKeyString());
        _signals.Restore(state.State);
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
        // Changes persisted by an activation that died before it published them.
        await Detector.PublishUnpublishedAsync();
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

    public async Task ReportProbes(ShardProbeBin part)
    {
        ArgumentNullException.ThrowIfNull(part);
        var bin = _probes.Apply(part, out var newShard);
        if (newShard)
        {
            state.State.ProbeShards.Add(part.Shard);
        }

        if (bin is not null)
        {
            await RecordProbesAsync(bin);
        }
    }

    public async Task RecordSignal(string signal, DateTimeOffset at, long value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(signal);
        if (EntitySignals.IsComputed(signal))
        {
            throw new ArgumentException($"'{signal}' is computed from routes (ReportVisibility); record another signal name, such as probes.", nameof(signal));
        }

        DelayDeactivation(TimeSpan.MaxValue);
        await AdvanceAsync(at);
        _signals.Record(signal, at, value);
        Touch(at);
    }

    public async Task<string?[]> RecordSignals(NamedSignalPoint[] points)
    {
        ArgumentNullException.ThrowIfNull(points);
        DelayDeactivation(TimeSpan.MaxValue);
        var lateness = options.Value.MaxLateness;
        var reasons = new string?[points.Length];
        // In time order, as a backtest judges a series; points of one instant keep the batch's order.
        foreach (var i in Enumerable.Range(0, points.Length).OrderBy(i => points[i].At))
        {
            var point = points[i];
            if (Backtesting.SeriesCsv.SignalProblem(point.Signal) is { } problem)
            {
                reasons[i] = problem;
                continue;
            }

            if (state.State.UpdatedAt is { } clock && point.At < clock)
            {
                if (clock - point.At > lateness)
                {
                    reasons[i] = $"{point.At:u} is {clock - point.At:c} behind {Key.Code}'s clock ({clock:u}): points more than Grid:Signals:MaxLateness ({lateness:c}) behind it are refused";
                    continue;
                }

                // Late but within bounds: into the series at its own step; steps already judged stay judged.
                _signals.RecordLate(point.Signal, point.At, point.Value);
                _dirty = true;
                continue;
            }

            await AdvanceAsync(point.At);
            _signals.Record(point.Signal, point.At, point.Value);
            Touch(point.At);
        }

        return reasons;
    }

    public Task<EntityStatus> Status()
    {
        var (name, country) = Describe();
        return Task.FromResult(new EntityStatus(
            Key.Code,
            Key.Kind,
            name,
            country,
            Detector.Level,
            _signals.Status(_visible.IPv4Blocks, _visible.IPv6Blocks, Detector.Signals),
            state.State.UpdatedAt,
            HasData,
            Detector.OpenEvent()));
    }

    public Task<SignalHistory> History(DateTimeOffset from, DateTimeOffset until, TimeSpan step) =>
        Task.FromResult(new SignalHistory(Key.Code, from, until, step, _signals.History(from, until, step)));

    public Task<OutageEvent[]> Events() => Task.FromResult(Detector.Events());

    public Task<string[]> VisibilityShards() => Task.FromResult(_visible.Shards.ToArray());

    public Task<string[]> ProbeShards() => Task.FromResult(_probes.Shards.ToArray());

    /// <summary>Origin ASes of the entity's visible space that a shard reported (a country keeps them).</summary>
    protected virtual void OnOrigins(uint[] origins)
    {
    }

    /// <summary>The entity's display name and, for an AS, its registration country.</summary>
    protected abstract (string? Name, string? Country) Describe();

    private async Task TakeAsync(ShardVisibility[] reports)
    {
        var newShards = false;
        DateTimeOffset? advanced = null;
        // In event-time order: steps close on the values they had, whatever order the shards sent in.
        foreach (var report in InEventTimeOrder(reports))
        {
            if (!_visible.Admits(report))
            {
                continue;
            }

            // Once per event time: a batch of a table's end carries hundreds of reports of one time,
            // and the steps before it are closed after the first.
            if (advanced != report.At)
            {
                await AdvanceAsync(report.At);
                advanced = report.At;
            }

            // AdvanceAsync may have awaited: a newer report of the same shard cannot have landed (grains
            // are not reentrant), but check again rather than rely on it.
            if (_visible.Admits(report))
            {
                newShards |= Take(report);
            }
        }

        if (newShards && PersistsNewShardsAtOnce)
        {
            // Written at once: an activation after a crash finds its shards only in this list.
            await PersistAsync();
        }
    }

    /// <summary>The reports by event time; a table's end sends them all with one time, already in order, and they are not copied then.</summary>
    private static ShardVisibility[] InEventTimeOrder(ShardVisibility[] reports)
    {
        for (var i = 1; i < reports.Length; i++)
        {
            if (reports[i].At < reports[i - 1].At)
            {
                return [.. reports.OrderBy(r => r.At)];
            }
        }

        return reports;
    }

    /// <summary>
    /// Takes a shard's count, newer than the one held (steps that ended before it were judged on
    /// the values they closed with). True when the shard is new to this entity.
    /// </summary>
    private bool Take(ShardVisibility report)
    {
        var firstFromShard = _visible.Apply(report);
        OnOrigins(report.Origins);
        _signals.RecordVisible(report.At, report.IsIPv4, report.IsIPv4 ? _visible.IPv4Blocks : _visible.IPv6Blocks);
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

    /// <summary>
    /// Reads the last part of every probe shard that ever reported here: an activation after a
    /// crash or a move would otherwise record the next part it hears as the whole bin.
    /// </summary>
    private async Task ReadProbeShardsAsync()
    {
        if (_probes.Shards.Count == 0)
        {
            return;
        }

        var entity = this.GetPrimaryKeyString();
        var reads = _probes.Shards.Select(shard => GrainFactory.GetGrain<IProbeShardGrain>(shard).LastBinOf(entity)).ToArray();
        try
        {
            await Task.WhenAll(reads);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogProbeReadFailed(logger, entity, e.GetBaseException().Message);
        }

        ProbeBin? latest = null;
        foreach (var read in reads.Where(r => r.IsCompletedSuccessfully && r.Result is not null).OrderBy(r => r.Result!.At))
        {
            latest = _probes.Apply(read.Result!, out _) ?? latest;
        }

        // Only the newest bin's sum is recorded again: older parts of it could be from shards that
        // have since closed a newer one, and the step already holds what was summed before the move.
        if (latest is not null && latest.At >= (_signals.LatestProbes?.At ?? DateTimeOffset.MinValue))
        {
            await RecordProbesAsync(latest);
        }
    }

    /// <summary>Records one summed bin: the count of /24s up is the signal detection judges; RTT and loss ride along for throttling.</summary>
    private async Task RecordProbesAsync(ProbeBin bin)
    {
        if (state.State.UpdatedAt is { } clock && bin.At < clock)
        {
            // A bin that late results changed: its own step takes the new sum; steps already judged stay judged.
            _signals.RecordLate(SignalNames.Probes, bin.At, bin.BlocksUp);
            _dirty = true;
        }
        else
        {
            await RecordSignal(SignalNames.Probes, bin.At, bin.BlocksUp);
            // Judged at the next step boundary: a change it makes is marked when one outside key alone stands behind it.
            Detector.ProbeSingleSender = bin.SingleSender;
        }

        _signals.RecordProbeQuality(bin, _probes.Settled);
    }

    private async Task TickAsync()
    {
        if (++_ticksSinceElections >= ElectionRefreshTicks)
        {
            await RefreshElectionsAsync();
        }

        // One step behind the clock: a shard's batch still in flight to this grain lands before its step is judged.
        if (detection.Clock.Target(detection.Options.LiveLag) is { } target && Detector.HasStarted)
        {
            await AdvanceAsync(target - options.Value.Step);
        }

        await Detector.SendOpenScoreAsync();
    }

    private async Task RefreshElectionsAsync()
    {
        _ticksSinceElections = 0;
        if (Country is { } country)
        {
            // A region's own entries (exams in one province) watch that region only.
            var entries = await detection.Calendar.ForCountryAsync(country);
            Detector.WatchElections(entries.Any(e => !e.Concerns(Key.Code)) ? [.. entries.Where(e => e.Concerns(Key.Code))] : entries);
        }
    }

    private Task AdvanceAsync(DateTimeOffset target) => Detector.AdvanceAsync(new EntityIdentity(Key, Country, Describe().Name), target, _signals.Readers());

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
        _signals.SaveTo(state.State);
        await state.WriteStateAsync();
        _dirty = false;
    }

    void IDetectionOutputs.StateChanged() => _dirty = true;

    Task IDetectionOutputs.WriteStateAsync()
    {
        _dirty = true;
        return PersistAsync();
    }

    Task IDetectionOutputs.RecordEventsAsync(OutageEvent[] events) => GrainFactory.GetGrain<IEventLogGrain>(IEventLogGrain.Key).Record(events);

    Task IDetectionOutputs.PublishAsync(AnomalyEvent change) =>
        (_anomalies ??= this.GetStreamProvider(AnomalyStream.Provider).GetStream<AnomalyEvent>(StreamId.Create(AnomalyStream.Namespace, AnomalyStream.Key))).OnNextAsync(change);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Entity} could not read all its prefix shards ({Reason}); their last counts stay until the next read")]
    private static partial void LogReconcileFailed(ILogger logger, string entity, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Entity} could not read all its probe shards ({Reason}); their next bin brings their parts")]
    private static partial void LogProbeReadFailed(ILogger logger, string entity, string reason);
}
