using Grid.Bgp.Model;
using Grid.Bgp.Mrt;
using Grid.Cli.Mrt;
using Grid.Geography;
using Grid.Grains.Backtesting;
using Grid.Grains.Detection;
using Grid.Grains.Signals;
using Grid.Grains.Text;
using Grid.Grains.Visibility;
using Microsoft.Extensions.Configuration;
using Orleans.Streams;

namespace Grid.Cli.Backtesting;

/// <summary>
/// <c>grid backtest --mrt</c>: MRT files replayed into Grid's own grains in this process, as a silo
/// replays them with <c>--mrt</c> (RIB dumps first, each counted to its end of table, then update
/// files merged by time, as fast as they read), so the prefix shards, entity grains and detection
/// judge them as a silo would. Series given beside them are recorded into the same grains, each
/// point once the routes before its time have been counted (<see cref="SeriesFeed"/>). Then
/// detection's ticks move every entity on to the replay's clock, as a silo's do after a replay, and
/// the events and level changes are what the silo would list.
/// </summary>
internal static class MrtBacktest
{
    /// <summary>How long detection must stay quiet after the replay before its events are read.</summary>
    private const int QuietTicks = 3;

    public static async Task<BacktestResult> RunAsync(IReadOnlyList<string> files, IReadOnlyList<SeriesPoint> series, IGeography geography, IConfiguration configuration, List<InputProblem> problems, MrtProgress progress, CancellationToken cancellationToken)
    {
        var visibility = configuration.GetSection(VisibilityOptions.Section).Get<VisibilityOptions>() ?? new VisibilityOptions();
        var signals = configuration.GetSection(SignalOptions.Section).Get<SignalOptions>() ?? new SignalOptions();
        var tick = configuration.GetSection(DetectionOptions.Section).Get<DetectionOptions>()?.Tick ?? new DetectionOptions().Tick;
        await using var silo = await InProcessSilo.StartAsync(geography, configuration, cancellationToken);

        var changes = new List<AnomalyEvent>();
        var anomalies = silo.Client.GetStreamProvider(AnomalyStream.Provider).GetStream<AnomalyEvent>(StreamId.Create(AnomalyStream.Namespace, AnomalyStream.Key));
        var subscription = await anomalies.SubscribeAsync((change, _) =>
        {
            lock (changes)
            {
                changes.Add(change);
            }

            return Task.CompletedTask;
        });

        var mrt = files.Select(f => MrtFile.Probe(f, out var problem) ?? throw new ArgumentException(problem)).ToList();
        var ingest = new RouteIngest(silo.Grains, visibility, "backtest", loadsTable: mrt.Any(f => f.IsRib));
        var points = new SeriesFeed(silo.Grains, series, ingest, problems);
        long elements = 0;
        foreach (var rib in mrt.Where(f => f.IsRib))
        {
            elements += await ReplayAsync(ingest, [rib], points, progress, cancellationToken);
            await ingest.FlushAsync(endOfTable: true);
        }

        var updates = mrt.Where(f => !f.IsRib).ToList();
        if (updates.Count > 0)
        {
            elements += await ReplayAsync(ingest, updates, points, progress, cancellationToken);
        }

        await ingest.FlushAsync(endOfTable: true);
        await points.RecordUntilAsync(DateTimeOffset.MaxValue);

        // Detection's ticks carry every entity on to the replay's newest time; read once nothing moves.
        var log = silo.Grains.GetGrain<IEventLogGrain>(IEventLogGrain.Key);
        var last = "";
        for (var quiet = 0; quiet < QuietTicks;)
        {
            await Task.Delay(tick, cancellationToken);
            var page = await log.Query(new EventQuery(null, null, null, null, null, 1, int.MaxValue));
            var now = $"{page.Total}|{string.Join(',', page.Items.Select(e => $"{e.Id}:{e.Level}:{e.End}"))}|{Count(changes)}";
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }

        await subscription.UnsubscribeAsync();
        var events = (await log.Query(new EventQuery(null, null, null, null, null, 1, int.MaxValue))).Items
            .OrderBy(e => e.Entity, StringComparer.Ordinal).ThenBy(e => e.Start).ToList();
        List<AnomalyEvent> ordered;
        lock (changes)
        {
            ordered = [.. changes.OrderBy(c => c.Entity, StringComparer.Ordinal).ThenBy(c => c.At)];
        }

        return new BacktestResult(events, ordered, signals.Step, elements + points.Recorded, events.Select(e => e.Entity).Distinct().Count());
    }

    private static int Count(List<AnomalyEvent> changes)
    {
        lock (changes)
        {
            return changes.Count;
        }
    }

    private static async Task<long> ReplayAsync(RouteIngest ingest, IReadOnlyList<MrtFile> files, SeriesFeed points, MrtProgress progress, CancellationToken cancellationToken)
    {
        var readers = files.Select(f => MrtReader.Open(f.Path)).ToList();
        try
        {
            progress.StartFile(string.Join(", ", files.Select(f => Path.GetFileName(f.Path))), files.Sum(f => f.Length));
            var streams = readers.Select(r => r.RouteElements()).ToList();
            IEnumerable<RouteElement> elements = streams.Count == 1 ? streams[0] : TimestampMerge.Merge(streams);
            long count = 0;
            foreach (var element in elements)
            {
                await points.RecordUntilAsync(element.Timestamp);
                await ingest.AddAsync(element);
                if ((++count & 0x3FFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress.Report(readers.Sum(r => r.InputPosition));
                }
            }

            progress.FinishFile();
            return count;
        }
        finally
        {
            readers.ForEach(r => r.Dispose());
        }
    }
}
