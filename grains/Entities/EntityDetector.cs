using Grid.Grains.Alerts;
using Grid.Grains.Detection;
using Grid.Grains.Elections;
using Microsoft.Extensions.Logging;

namespace Grid.Grains.Entities;

/// <summary>
/// Detection inside an entity: runs <see cref="EntityDetection"/> over the entity's detection state
/// at event time (every step boundary crossed by incoming data, and on the grain's tick when none
/// arrives), keeps its level changes in an outbox (<see cref="EntityState.Unpublished"/>) stored
/// before anyone hears of them, publishes them on the anomalies stream, and sends its events to the
/// event log. Plain code over <see cref="IDetectionOutputs"/>, so what is stored before what is
/// published can be checked without a silo.
/// </summary>
public sealed partial class EntityDetector(
    EntityState state,
    DetectionOptions options,
    ElectionOptions elections,
    TimeSpan step,
    IDetectionOutputs outputs,
    ILogger logger)
{
    private readonly EntityDetection _detection = new(options, step);
    private OutageEvent? _unsentScore;
    private ElectionEntry[] _elections = [];
    // Events whose raising changes rested on one outside key: their later changes (recovery) are marked too.
    private readonly Dictionary<string, string> _heldEvents = new(StringComparer.Ordinal);

    /// <summary>
    /// The one outside key (Probing.ProbeSenders) the latest probe bin's blocks that were not up rest
    /// on alone, or null: a level change the probes signal makes then is marked single-source.
    /// </summary>
    public string? ProbeSingleSender { get; set; }

    public DetectionLevel Level => state.Detection.Level;

    /// <summary>What detection made of each signal at the last evaluation (baseline, ratio, level).</summary>
    public IReadOnlyDictionary<string, SignalDetectorState> Signals => state.Detection.Signals;

    /// <summary>True once an evaluation has set where detection stands; a tick moves on only such an entity.</summary>
    public bool HasStarted => state.Detection.EvaluatedUntil is not null;

    /// <summary>A copy of the open event, if any.</summary>
    public OutageEvent? OpenEvent() => state.Detection.Open?.Snapshot();

    /// <summary>Copies of this entity's events: the kept closed ones, oldest first, then the open one.</summary>
    public OutageEvent[] Events()
    {
        var detected = state.Detection;
        var events = detected.Open is null ? detected.Closed : detected.Closed.Append(detected.Open);
        return [.. events.Select(e => e.Snapshot())];
    }

    /// <summary>
    /// The watch calendar's entries for the entity: its country's (an AS: its registration country's),
    /// and a region's own. Inside their windows a smaller drop warns
    /// (Grid:Detection:Signals:*:ElectionWarning) and the baseline is not extended.
    /// </summary>
    public void WatchElections(ElectionEntry[] entries) => _elections = entries;

    /// <summary>
    /// Evaluates every whole step up to <paramref name="target"/> on the values <paramref name="signals"/>
    /// had then. Level changes are stored with the state that made them, then published; the events
    /// they touched go to the event log.
    /// </summary>
    public async Task AdvanceAsync(EntityIdentity who, DateTimeOffset target, IReadOnlyDictionary<string, Func<DateTimeOffset, long?>> signals)
    {
        var detected = state.Detection;
        var before = detected.EvaluatedUntil;
        var openBefore = detected.Open;
        var changes = MarkWatch(MarkSingleSource(_detection.AdvanceTo(detected, who, target, signals, InElectionWatch)));
        if (detected.EvaluatedUntil != before)
        {
            outputs.StateChanged();
        }

        if (changes.Count == 0)
        {
            _unsentScore = detected.Open ?? _unsentScore;
            return;
        }

        var touched = new Dictionary<string, OutageEvent>(StringComparer.Ordinal);
        foreach (var outage in detected.Closed.Where(e => changes.Any(c => c.EventId == e.Id)).Append(openBefore).Append(detected.Open))
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
        state.Unpublished.AddRange(changes);
        if (changes.Any(AlertRouting.CanMatch))
        {
            await outputs.WriteStateAsync();
        }
        else
        {
            outputs.StateChanged();
        }

        await outputs.RecordEventsAsync([.. touched.Values.Select(e => e.Snapshot())]);
        await PublishUnpublishedAsync();
    }

    /// <summary>An open event's score grows every step; the event log hears of it once per tick, not per step.</summary>
    public async Task SendOpenScoreAsync()
    {
        if (_unsentScore is { } open)
        {
            _unsentScore = null;
            await outputs.RecordEventsAsync([open.Snapshot()]);
        }
    }

    /// <summary>
    /// Publishes the outbox of level changes, in order: those of this activation, or those a dead
    /// activation stored and never published. Cleared in memory now, in storage at the next write.
    /// </summary>
    public async Task PublishUnpublishedAsync()
    {
        if (state.Unpublished.Count == 0)
        {
            return;
        }

        // One by one, in order: not every provider takes batches, and level changes are few.
        foreach (var change in state.Unpublished)
        {
            await outputs.PublishAsync(change);
            if (AlertRouting.CanMatch(change))
            {
                LogLevelChange(logger, change.Entity, change.PreviousLevel.Name(), change.Level.Name(), change.At, change.Id);
            }
        }

        state.Unpublished.Clear();
        outputs.StateChanged();
    }

    /// <summary>
    /// Marks the changes that rest on one outside key's probe results alone: a rise the probes signal
    /// makes while no other signal reaches that level, and the later changes of an event so raised.
    /// Their event is marked too, so the API shows it; the alert grain holds them back unless
    /// Grid:Probing:AlertOnSingleSource allows them.
    /// </summary>
    private List<AnomalyEvent> MarkSingleSource(List<AnomalyEvent> changes)
    {
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            if (change.EventId is not { } eventId)
            {
                continue;
            }

            string? sender;
            if (change.Level > change.PreviousLevel && change.Level.IsOutage())
            {
                sender = ProbeSingleSender is { } key && RestsOnProbes(change) ? key : null;
                if (sender is null)
                {
                    _heldEvents.Remove(eventId);
                }
                else
                {
                    _heldEvents[eventId] = sender;
                }
            }
            else
            {
                sender = _heldEvents.GetValueOrDefault(eventId);
                if (!change.Level.IsOutage())
                {
                    _heldEvents.Remove(eventId);
                }
            }

            if (sender is not null)
            {
                changes[i] = change with { SingleSource = sender };
                if (state.Detection.Open is { } open && open.Id == eventId)
                {
                    open.SingleSource = sender;
                }
            }
            else if (state.Detection.Open is { } open && open.Id == eventId && change.Level > change.PreviousLevel)
            {
                open.SingleSource = null;
            }
        }

        return changes;
    }

    /// <summary>
    /// Detection treats every kind's window alike (the lower bar, the frozen baseline); what a change
    /// and the event it opens say of it is finer: <c>election</c> only for an election's window, and
    /// <see cref="OutageEvent.Watch"/> the kinds whose windows held. Runs only when levels changed.
    /// </summary>
    private List<AnomalyEvent> MarkWatch(List<AnomalyEvent> changes)
    {
        if (_elections.Length == 0)
        {
            return changes;
        }

        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            var kinds = WatchKindsAt(change.At);
            var election = kinds.Contains(Watch.WatchKinds.Election);
            changes[i] = change with { ElectionWatch = election };
            var opening = change.Level.IsOutage() && !change.PreviousLevel.IsOutage();
            if (opening && change.EventId is { } id && FindEvent(id) is { } opened)
            {
                opened.Election = election;
                opened.Watch = kinds.Length > 0 ? kinds : null;
            }
        }

        return changes;
    }

    private string[] WatchKindsAt(DateTimeOffset at) => [.. _elections.Where(e => elections.Watches(e, at)).Select(e => e.WatchKind).Distinct(StringComparer.Ordinal)];

    private OutageEvent? FindEvent(string id)
    {
        var detected = state.Detection;
        if (detected.Open?.Id == id)
        {
            return detected.Open;
        }

        for (var i = detected.Closed.Count - 1; i >= 0; i--)
        {
            if (detected.Closed[i].Id == id)
            {
                return detected.Closed[i];
            }
        }

        return null;
    }

    private static bool RestsOnProbes(AnomalyEvent change) =>
        change.Signals.Any(s => s.Signal == SignalNames.Probes && s.Level >= change.Level)
        && change.Signals.All(s => s.Signal == SignalNames.Probes || s.Level < change.Level);

    private bool InElectionWatch(DateTimeOffset at) => _elections.Any(e => elections.Watches(e, at));

    [LoggerMessage(Level = LogLevel.Information, Message = "{Entity}: {Previous} → {Level} at {At:u} (event time); published as {Change}")]
    private static partial void LogLevelChange(ILogger logger, string entity, string previous, string level, DateTimeOffset at, string change);
}
