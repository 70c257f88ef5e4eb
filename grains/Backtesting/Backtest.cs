using Grid.Grains.Detection;
using Grid.Grains.Elections;
using Grid.Grains.Entities;
using Grid.Grains.Signals;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grid.Grains.Backtesting;

/// <summary>
/// Grid's detection over the past, in process: each entity's points go, in event-time order, through
/// the code an entity grain runs (<see cref="EntitySignals"/> keeps the series, <see cref="EntityDetector"/>
/// judges every step a point crosses, as <c>RecordSignal</c> does), with no silo, storage or stream.
/// Entities are independent, so they run side by side.
/// </summary>
public sealed class Backtest(DetectionOptions detection, SignalOptions signals, ElectionOptions? elections = null)
{
    private readonly ElectionOptions _elections = elections ?? new ElectionOptions();

    /// <summary>Judges <paramref name="points"/> (any order); <paramref name="progress"/> hears the points judged so far.</summary>
    public async Task<BacktestResult> RunAsync(IReadOnlyList<SeriesPoint> points, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        var byEntity = points.GroupBy(p => p.Entity).ToArray();
        var results = new (List<OutageEvent> Events, List<AnomalyEvent> Changes)[byEntity.Length];
        long judged = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, byEntity.Length), new ParallelOptions { CancellationToken = cancellationToken }, async (i, token) =>
        {
            var entity = byEntity[i];
            results[i] = await RunEntityAsync(entity.Key, CountryOf(entity.Key), [.. entity], token);
            progress?.Report(Interlocked.Add(ref judged, entity.LongCount()));
        });

        var events = results.SelectMany(r => r.Events).OrderBy(e => e.Entity, StringComparer.Ordinal).ThenBy(e => e.Start).ToList();
        var changes = results.SelectMany(r => r.Changes).OrderBy(c => c.Entity, StringComparer.Ordinal).ThenBy(c => c.At).ToList();
        return new BacktestResult(events, changes, signals.Step, points.Count, byEntity.Length);
    }

    private async Task<(List<OutageEvent>, List<AnomalyEvent>)> RunEntityAsync(EntityKey key, string? country, SeriesPoint[] points, CancellationToken cancellationToken)
    {
        // Stable: points of one instant keep the order they were given in.
        var ordered = points.OrderBy(p => p.At).ToArray();
        var state = new EntityState();
        var series = new EntitySignals(signals);
        var outputs = new BacktestOutputs();
        var detector = new EntityDetector(state, detection, _elections, signals.Step, outputs, NullLogger.Instance);
        var who = new EntityIdentity(key, country);
        var readers = series.Readers();
        var known = new HashSet<string>(StringComparer.Ordinal);
        DateTimeOffset? lastFloor = null;
        for (var i = 0; i < ordered.Length; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var point = ordered[i];
            var floor = Floor(point.At);
            // As RecordSignal does: the steps this point's time closes are judged on the values before it.
            // Only when it crosses a step: within one, the detector would have nothing to judge.
            if (lastFloor != floor)
            {
                await detector.AdvanceAsync(who, point.At, readers);
                lastFloor = floor;
            }

            series.Record(point.Signal, point.At, point.Value);
            if (known.Add(point.Signal))
            {
                readers = series.Readers();
            }
        }

        // The step holding the last point is judged too, as the grain's tick would once the clock passed it.
        if (ordered.Length > 0)
        {
            await detector.AdvanceAsync(who, Floor(ordered[^1].At) + signals.Step, readers);
        }

        foreach (var outage in detector.Events())
        {
            outputs.Events[outage.Id] = outage;
        }

        return ([.. outputs.Events.Values], outputs.Changes);
    }

    private DateTimeOffset Floor(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % signals.Step.Ticks), TimeSpan.Zero);

    /// <summary>As the entity grains say it; an AS's registration country needs geography a series backtest does not load.</summary>
    private static string? CountryOf(EntityKey key) => key.Kind switch
    {
        EntityKind.Country => key.Code,
        EntityKind.Region => key.RegionCountry.ToString(),
        _ => null,
    };
}
