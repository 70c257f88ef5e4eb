using Grid.Grains.Alerts;
using Grid.Grains.Detection;
using Grid.Grains.Elections;
using Grid.Grains.Signals;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Grid.Grains.Entities;

/// <summary>
/// Detection inside the entity grain: every step boundary crossed by incoming data is evaluated at
/// event time, and a wall-clock tick (Grid:Detection:Tick) carries evaluation on to the silo's
/// signal clock when no data arrives for this entity. Level changes go to the anomalies stream;
/// events go to the event log.
/// </summary>
public abstract partial class EntityGrain
{
    private EntityDetection? _detector;
    private OutageEvent? _unsentScore;
    private ElectionEntry[] _elections = [];
    private int _ticksSinceElections;

    /// <summary>How many ticks pass between looks at the calendar (a country looks on every one).</summary>
    protected virtual int ElectionRefreshTicks => 1;

    /// <summary>
    /// Inside an election watch window of the entity's country (an AS: its registration country) a
    /// smaller drop warns (Grid:Detection:Signals:*:ElectionWarning).
    /// </summary>
    private bool InElectionWatch(DateTimeOffset at) => _elections.Any(e => detection.Elections.Watches(e, at));

    private async Task RefreshElectionsAsync()
    {
        _ticksSinceElections = 0;
        var country = Key.Kind == EntityKind.Country ? Key.Code : Describe().Country;
        if (country is not null)
        {
            _elections = await detection.Calendar.ForCountryAsync(country);
        }
    }

    private EntityDetection Detector => _detector ??= new EntityDetection(detection.Options, options.Value.Step);

    private async Task TickAsync()
    {
        if (++_ticksSinceElections >= ElectionRefreshTicks)
        {
            await RefreshElectionsAsync();
        }

        // One step behind the clock: a shard's batch still in flight to this grain lands before its step is judged.
        if (detection.Clock.Target(detection.Options.LiveLag) is { } target && state.State.Detection.EvaluatedUntil is not null)
        {
            await AdvanceAsync(target - options.Value.Step);
        }

        // An open event's score grows every step; the log hears of it once per tick, not per step.
        if (_unsentScore is { } open)
        {
            _unsentScore = null;
            await GrainFactory.GetGrain<IEventLogGrain>(IEventLogGrain.Key).Record([open.Snapshot()]);
        }
    }

    private async Task AdvanceAsync(DateTimeOffset target)
    {
        var before = state.State.Detection.EvaluatedUntil;
        var (_, country) = Describe();
        var who = new EntityIdentity(Key, Key.Kind == EntityKind.Country ? Key.Code : country);
        var readers = new Dictionary<string, Func<DateTimeOffset, long?>>(StringComparer.Ordinal)
        {
            [SignalNames.Bgp] = _bgp.ValueAt,
            [SignalNames.Bgp6] = _bgp6.ValueAt,
        };
        foreach (var (signal, series) in _recorded)
        {
            readers[signal] = series.ValueAt;
        }

        var openBefore = state.State.Detection.Open;
        var changes = Detector.AdvanceTo(state.State.Detection, who, target, readers, InElectionWatch);
        if (state.State.Detection.EvaluatedUntil != before)
        {
            _dirty = true;
        }

        if (changes.Count == 0)
        {
            _unsentScore = state.State.Detection.Open ?? _unsentScore;
            return;
        }

        var touched = new Dictionary<string, OutageEvent>(StringComparer.Ordinal);
        foreach (var outage in state.State.Detection.Closed.Where(e => changes.Any(c => c.EventId == e.Id)).Append(openBefore).Append(state.State.Detection.Open))
        {
            if (outage is not null)
            {
                touched[outage.Id] = outage;
            }
        }

        _unsentScore = null;
        // Exactly once across a crash: the level change is persisted with the state that made it
        // before anyone hears of it. A silo that dies after this write leaves the change in the
        // outbox; the adopted activation publishes it again under the same id (AnomalyEvent ids
        // are entity-step-level), and the alert grain's persisted seen-set drops the repeat. It
        // never evaluates the step again, so it cannot make a second, different change of it.
        // Changes no subscription can hear (unknown ↔ normal, 75k of them while a silo warms up)
        // wait for the step's write instead of forcing one each.
        state.State.Unpublished.AddRange(changes);
        _dirty = true;
        if (changes.Any(AlertRouting.CanMatch))
        {
            await PersistAsync();
        }

        await GrainFactory.GetGrain<IEventLogGrain>(IEventLogGrain.Key).Record([.. touched.Values.Select(e => e.Snapshot())]);
        await PublishUnpublishedAsync();
    }

    /// <summary>Publishes the outbox of level changes; cleared in memory now, in storage at the next write.</summary>
    private async Task PublishUnpublishedAsync()
    {
        if (state.State.Unpublished.Count == 0)
        {
            return;
        }

        var stream = this.GetStreamProvider(AnomalyStream.Provider).GetStream<AnomalyEvent>(StreamId.Create(AnomalyStream.Namespace, AnomalyStream.Key));
        // One by one, in order: not every provider takes batches, and level changes are few.
        foreach (var change in state.State.Unpublished)
        {
            await stream.OnNextAsync(change);
            if (AlertRouting.CanMatch(change))
            {
                LogLevelChange(logger, change.Entity, change.PreviousLevel.Name(), change.Level.Name(), change.At, change.Id);
            }
        }

        state.State.Unpublished.Clear();
        _dirty = true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Entity}: {Previous} → {Level} at {At:u} (event time); published as {Change}")]
    private static partial void LogLevelChange(ILogger logger, string entity, string previous, string level, DateTimeOffset at, string change);
}
