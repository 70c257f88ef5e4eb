using System.Diagnostics.Metrics;
using Grid.Silo.Feeds;
using Grid.Silo.Feeds.Bgp;
using Grid.Silo.Feeds.Probing;

namespace Grid.Silo.Metrics;

/// <summary>
/// Grid's own health as observable instruments of the <c>Grid.Silo</c> meter: feeds (messages,
/// last-message age, state), BGP sessions, the prober and the grain runtime. They are read at
/// collection time, so the feeds keep no metrics code of their own.
/// </summary>
public sealed class SiloHealthInstruments : IDisposable
{
    public const string MeterName = "Grid.Silo";

    private readonly Meter _meter = new(MeterName);

    public SiloHealthInstruments(FeedStatusBoard feeds, IServiceProvider services)
    {
        _meter.CreateObservableCounter("grid.feed.messages", () => feeds.All.Select(f => new Measurement<long>(f.Elements, Feed(f.Name))),
            description: "Elements (updates, records) a feed has handled; rate() gives updates per second.");
        // A feed in standby runs on another silo, which reports it: here it has no age and no up/down.
        _meter.CreateObservableGauge("grid.feed.last_message.age", () => feeds.All.Where(f => f.LastMessageAt is not null && f.State != FeedStates.Standby)
                .Select(f => new Measurement<double>((DateTimeOffset.UtcNow - f.LastMessageAt!.Value).TotalSeconds, Feed(f.Name))),
            unit: "s", description: "Seconds since the feed's last message.");
        _meter.CreateObservableGauge("grid.feed.up", () => feeds.All.Where(f => f.State != FeedStates.Standby).Select(f => new Measurement<int>(f.State is FeedStates.Running or FeedStates.Finished ? 1 : 0, Feed(f.Name))),
            description: "1 while the feed runs (or finished a replay), 0 while it starts, retries or failed.");
        _meter.CreateObservableGauge("grid.bgp.peers.up", () =>
            {
                var peers = (services.GetService(typeof(BgpSessionFeed)) as BgpSessionFeed)?.Peers() ?? [];
                return new Measurement<int>(peers.Count(p => string.Equals(p.State, "established", StringComparison.OrdinalIgnoreCase)));
            },
            description: "BGP sessions in state Established.");
        _meter.CreateObservableGauge("grid.bgp.peers.configured", () => ((services.GetService(typeof(BgpSessionFeed)) as BgpSessionFeed)?.Peers() ?? []).Count,
            description: "BGP neighbors configured.");
        _meter.CreateObservableCounter("grid.prober.rounds", () => Probing(services)?.Rounds ?? 0,
            description: "Probing rounds the prober finished.");
        _meter.CreateObservableCounter("grid.prober.external_results", () => Probing(services)?.ExternalResults ?? 0,
            description: "Probe results POSTed by outside vantage points.");
        _meter.CreateObservableGauge("grid.prober.last_round.probes_per_second", () => Probing(services)?.LastRound?.ProbesPerSecond ?? 0,
            description: "Probes per second of the last finished round.");
    }

    public void Dispose() => _meter.Dispose();

    private static KeyValuePair<string, object?> Feed(string name) => new("feed", name);

    private static ProbingStatus? Probing(IServiceProvider services) => services.GetService(typeof(ProbingStatus)) as ProbingStatus;
}
