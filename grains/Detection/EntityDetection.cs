using System.Globalization;

namespace Grid.Grains.Detection;

/// <summary>
/// Detection for one entity: steps every signal's detector along the signals' own clock, makes the
/// entity's level the worst of its signals, opens, scores and closes its events, and reports each
/// level change as an <see cref="AnomalyEvent"/>. Pure state in, state out, so scenarios can be
/// checked step by step without a silo.
/// </summary>
public sealed class EntityDetection(DetectionOptions options, TimeSpan step)
{
    public TimeSpan Step => step;

    /// <summary>
    /// Evaluates every whole step that ended after the last evaluation and no later than
    /// <paramref name="target"/>. <paramref name="signals"/> gives each signal's value in force at an
    /// instant (null before its first point); <paramref name="electionWatch"/> says whether an
    /// instant lies in an election watch window. Returns the level changes, oldest first.
    /// </summary>
    public List<AnomalyEvent> AdvanceTo(
        EntityDetectionState state,
        EntityIdentity who,
        DateTimeOffset target,
        IReadOnlyDictionary<string, Func<DateTimeOffset, long?>> signals,
        Func<DateTimeOffset, bool> electionWatch)
    {
        var changes = new List<AnomalyEvent>();
        var last = Floor(target);
        if (state.EvaluatedUntil is not { } until)
        {
            state.EvaluatedUntil = last;
            return changes;
        }

        // A silent gap longer than the longest window is not replayed step by step: its history would be gone anyway.
        var longest = options.Signals.Values.Select(s => s.History).DefaultIfEmpty(TimeSpan.FromDays(1)).Max();
        if (last - until > longest)
        {
            until = last - longest;
        }

        for (var end = until + step; end <= last; end += step)
        {
            var change = Evaluate(state, who, end, signals, electionWatch(end));
            if (change is not null)
            {
                changes.Add(change);
            }

            state.EvaluatedUntil = end;
        }

        return changes;
    }

    private AnomalyEvent? Evaluate(EntityDetectionState state, EntityIdentity who, DateTimeOffset end, IReadOnlyDictionary<string, Func<DateTimeOffset, long?>> signals, bool election)
    {
        var steps = new List<SignalStep>(signals.Count);
        foreach (var (name, valueAt) in signals)
        {
            if (valueAt(end - step) is not { } value)
            {
                continue;
            }

            if (!state.Signals.TryGetValue(name, out var detector))
            {
                state.Signals[name] = detector = new SignalDetectorState();
            }

            steps.Add(SignalDetector.Evaluate(name, detector, end, step, value, options.For(name), election));
        }

        var level = state.Signals.Values.Select(s => s.Level).Aggregate(DetectionLevel.Unknown, DetectionLevelExtensions.Worst);
        var minutes = step.TotalMinutes;
        var mechanism = EventMechanism.Classify(steps.Select(s => s.Reading), options.Mechanism);
        if (state.Open is { } open)
        {
            Score(open, steps, minutes, end, mechanism);
        }

        if (level == state.Level)
        {
            return null;
        }

        var previous = state.Level;
        state.Level = level;
        var changed = steps.Where(s => s.Changed).ToList();
        if (level.IsOutage() && state.Open is null)
        {
            var start = changed.Count == 0 ? end - step : changed.Min(s => s.Since);
            state.Open = new OutageEvent
            {
                Id = string.Create(CultureInfo.InvariantCulture, $"{who.Key}-{start.ToUnixTimeSeconds()}"),
                Entity = who.Key.Code,
                Kind = who.Key.Kind,
                Country = who.Country,
                Name = who.Name,
                Start = start,
                Level = level,
                Election = election,
            };
            var scored = Scored(changed, steps);
            foreach (var backlog in scored.Where(s => s.Backlog > 0))
            {
                state.Open.SignalScores[backlog.Reading.Signal] = backlog.Backlog;
            }

            state.Open.Score = scored.Select(s => s.Backlog).DefaultIfEmpty(0).Max();
            Score(state.Open, steps, minutes, end, mechanism);
        }
        else if (state.Open is { } ongoing && level.IsOutage())
        {
            ongoing.Level = DetectionLevelExtensions.Worst(ongoing.Level, level);
        }

        var eventId = state.Open?.Id;
        var eventMechanism = state.Open?.Mechanism;
        if (state.Open is { } closing && !level.IsOutage())
        {
            closing.End = changed.Count == 0 ? end : changed.Max(s => s.Since);
            state.Closed.Add(closing);
            if (state.Closed.Count > options.KeptEvents)
            {
                state.Closed.RemoveRange(0, state.Closed.Count - options.KeptEvents);
            }

            state.Open = null;
        }

        var readings = state.Signals.Where(s => s.Value.Last is not null).Select(s => s.Value.Last!).ToArray();
        return new AnomalyEvent(
            string.Create(CultureInfo.InvariantCulture, $"{who.Key}-{end.ToUnixTimeSeconds()}-{level.Name()}"),
            who.Key.Code, who.Key.Kind, who.Country, level, previous, end, eventId, readings, election, who.Name, Mechanism: eventMechanism);
    }

    /// <summary>
    /// Adds one step to an open event: the deepest drop among the signals counts once, so merged
    /// signals are not summed twice. A rising signal's "drop" (RTT twice the baseline: 50%) scores
    /// like any other but is no share of the entity lost, so it leaves <see cref="OutageEvent.Fraction"/> alone.
    /// </summary>
    private void Score(OutageEvent open, List<SignalStep> steps, double minutes, DateTimeOffset end, string mechanism)
    {
        var deepest = 0.0;
        foreach (var s in Scored(steps, steps))
        {
            var drop = s.Reading.DropPercent;
            if (!s.Reading.Level.IsOutage() || drop <= 0)
            {
                continue;
            }

            deepest = Math.Max(deepest, drop);
            open.SignalScores[s.Reading.Signal] = open.SignalScores.GetValueOrDefault(s.Reading.Signal) + (drop * minutes);
            if (!options.For(s.Reading.Signal).Rises)
            {
                open.Fraction = Math.Max(open.Fraction, drop / 100);
            }

            open.Level = DetectionLevelExtensions.Worst(open.Level, s.Reading.Level);
        }

        open.Score += deepest * minutes;
        open.LastEvaluated = end;
        if (open.Mechanism is null || (mechanism != EventMechanism.Unknown && (deepest > open.MechanismDepth || open.Mechanism == EventMechanism.Unknown)))
        {
            open.Mechanism = mechanism;
            open.MechanismDepth = Math.Max(open.MechanismDepth, deepest);
        }
    }

    /// <summary>
    /// The steps that score: all of them, except that a rising signal (RTT, loss) does not while a
    /// falling one is down. Loss reaches 100% whenever the blocks go dark; that is the outage seen
    /// again, not throttling, and must not become the event's datasource.
    /// </summary>
    private List<SignalStep> Scored(List<SignalStep> some, List<SignalStep> all)
    {
        var falling = all.Any(s => s.Reading.Level.IsOutage() && !options.For(s.Reading.Signal).Rises);
        return falling ? some.Where(s => !options.For(s.Reading.Signal).Rises).ToList() : some;
    }

    private DateTimeOffset Floor(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % step.Ticks), TimeSpan.Zero);
}
