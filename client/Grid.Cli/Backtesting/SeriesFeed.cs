using Grid.Grains.Backtesting;
using Grid.Grains.Entities;
using Grid.Grains.Signals;
using Grid.Grains.Text;
using Grid.Grains.Visibility;

namespace Grid.Cli.Backtesting;

/// <summary>
/// Series points given beside MRT files, recorded into the in-process silo's entity grains in
/// event-time order with the routes: before a route element of time t, the routes read so far are
/// counted (the ingest flushed) and every point up to t is recorded, as <c>POST /v1/signals</c>
/// would record it (<see cref="IEntityGrain.RecordSignals"/>).
/// </summary>
internal sealed class SeriesFeed(IGrainFactory grains, IReadOnlyList<SeriesPoint> series, RouteIngest ingest, List<InputProblem> problems)
{
    private readonly SeriesPoint[] _points = [.. series.OrderBy(p => p.At)];
    private int _next;

    public long Recorded { get; private set; }

    public async Task RecordUntilAsync(DateTimeOffset until)
    {
        if (_next >= _points.Length || _points[_next].At > until)
        {
            return;
        }

        await ingest.FlushAsync();
        var due = new List<SeriesPoint>();
        while (_next < _points.Length && _points[_next].At <= until)
        {
            due.Add(_points[_next++]);
        }

        foreach (var entity in due.GroupBy(p => p.Entity))
        {
            var grain = grains.Entity(entity.Key);
            var points = entity.ToArray();
            var reasons = await grain.RecordSignals([.. points.Select(p => new NamedSignalPoint(p.At, p.Signal, p.Value))]);
            for (var i = 0; i < points.Length; i++)
            {
                if (reasons[i] is { } reason)
                {
                    problems.Add(new InputProblem("series", 0, $"{SeriesEntity.Location(points[i].Entity)} at {points[i].At:u}: {reason}"));
                }
            }

            Recorded += reasons.Count(r => r is null);
        }
    }
}
