using Grid.Grains.Detection;
using Grid.Grains.Entities;

namespace Grid.Grains.Backtesting;

/// <summary>
/// How a backtest's events compare with ground truth, per entity and overall:
/// <list type="bullet">
/// <item>recall: the share of known outages that some event overlaps;</item>
/// <item>precision: the share of events that overlap some known outage of their entity (only
/// entities the truth names are scored: an event elsewhere is neither right nor wrong);</item>
/// <item>onset lag: the first overlapping event's start less the outage's (median and 90th
/// percentile; negative when detection started first);</item>
/// <item>duration error: that event's duration less the outage's (median of the absolute values).</item>
/// </list>
/// </summary>
public sealed record BacktestScore(
    string Entity,
    int Outages,
    int Detected,
    int Events,
    int TrueEvents,
    TimeSpan? OnsetLagMedian,
    TimeSpan? OnsetLagP90,
    TimeSpan? DurationErrorMedian)
{
    public double? Recall => Outages == 0 ? null : (double)Detected / Outages;

    public double? Precision => Events == 0 ? null : (double)TrueEvents / Events;

    /// <summary>One row per entity the truth names (by entity), then the overall row, named <c>all</c>.</summary>
    public static List<BacktestScore> Compare(IReadOnlyList<OutageEvent> events, IReadOnlyList<TruthInterval> truth)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(truth);
        var rows = new List<BacktestScore>();
        var lags = new List<TimeSpan>();
        var errors = new List<TimeSpan>();
        int outages = 0, detected = 0, judged = 0, right = 0;
        foreach (var known in truth.GroupBy(t => t.Entity).OrderBy(g => SeriesEntity.Location(g.Key), StringComparer.Ordinal))
        {
            var mine = events.Where(e => e.Entity == known.Key.Code && KindOf(e) == known.Key.Kind).OrderBy(e => e.Start).ToList();
            var entityLags = new List<TimeSpan>();
            var entityErrors = new List<TimeSpan>();
            var found = 0;
            foreach (var outage in known)
            {
                if (mine.FirstOrDefault(e => Overlaps(e, outage)) is { } first)
                {
                    found++;
                    entityLags.Add(first.Start - outage.Start);
                    entityErrors.Add((first.Duration - (outage.End - outage.Start)).Duration());
                }
            }

            var trueEvents = mine.Count(e => known.Any(outage => Overlaps(e, outage)));
            rows.Add(new BacktestScore(SeriesEntity.Location(known.Key), known.Count(), found, mine.Count, trueEvents, Percentile(entityLags, 0.5), Percentile(entityLags, 0.9), Percentile(entityErrors, 0.5)));
            outages += known.Count();
            detected += found;
            judged += mine.Count;
            right += trueEvents;
            lags.AddRange(entityLags);
            errors.AddRange(entityErrors);
        }

        rows.Add(new BacktestScore("all", outages, detected, judged, right, Percentile(lags, 0.5), Percentile(lags, 0.9), Percentile(errors, 0.5)));
        return rows;
    }

    private static EntityKind KindOf(OutageEvent e) => e.Kind;

    private static bool Overlaps(OutageEvent e, TruthInterval outage) => e.Start <= outage.End && (e.End ?? e.LastEvaluated) >= outage.Start;

    /// <summary>The nearest-rank percentile; null for none.</summary>
    private static TimeSpan? Percentile(List<TimeSpan> values, double p)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
