using System.Net;
using Grid.Bgp.Model;
using Grid.Runtime;

namespace Grid.Grains.Visibility;

/// <summary>
/// The feed side of the hot path: turns a stream of <see cref="RouteElement"/>s from one source
/// (an MRT replay, RIS Live, a BGP session) into batched shard calls, keeps each peer's table size
/// from the shards' answers, and carries new full-feed sets to the shards. Not thread-safe: one
/// ingest per feed, fed from one loop. Calls to one shard stay in order; calls to different shards
/// overlap, up to <see cref="MaxInFlight"/>.
/// </summary>
public sealed class RouteIngest(IGrainFactory grains, VisibilityOptions options, string source)
{
    private const int MaxInFlight = 64;
    private const int ReportEvery = 100_000;

    private readonly Dictionary<(IPAddress, uint), IngestPeer> _peers = [];
    private readonly Task?[] _shardTail = new Task?[ShardMap.ShardCount];
    private readonly HashSet<int> _touchedShards = [];
    private readonly Queue<Task> _inFlight = new();
    private readonly List<Prefix> _pieces = [];
    private FullFeedSet _fullFeed = FullFeedSet.Empty;
    private long _sinceReport;

    public long Elements { get; private set; }

    public FullFeedSet FullFeed => _fullFeed;

    public IEnumerable<PeerReport> PeerCounts => _peers.Values.Select(p => new PeerReport(p.Key, p.IPv4Prefixes, p.IPv6Prefixes, p.Latest, p.Mode));

    public async ValueTask AddAsync(RouteElement element)
    {
        var peer = PeerOf(element.PeerAddress, element.PeerAsn);
        if (element.Timestamp > peer.Latest)
        {
            peer.Latest = element.Timestamp;
        }

        _pieces.Clear();
        ShardMap.Split(element.Prefix, _pieces);
        foreach (var piece in _pieces)
        {
            var shard = ShardMap.IndexOf(piece);
            var pending = peer.Pending[shard] ??= new List<RouteChange>(options.BatchSize);
            pending.Add(new RouteChange(piece, element.Action, element.OriginAsn));
            if (pending.Count >= options.BatchSize)
            {
                await SendAsync(peer, shard);
            }
        }

        Elements++;
        if (++_sinceReport >= ReportEvery)
        {
            await FlushAsync();
        }
    }

    /// <summary>Sends everything pending, waits for it, and reports peer table sizes to the peer table.</summary>
    public async Task FlushAsync()
    {
        foreach (var peer in _peers.Values)
        {
            for (var shard = 0; shard < peer.Pending.Length; shard++)
            {
                if (peer.Pending[shard] is { Count: > 0 })
                {
                    await SendAsync(peer, shard);
                }
            }
        }

        while (_inFlight.TryDequeue(out var call))
        {
            await call;
        }

        await ReportAsync();
    }

    /// <summary>Withdraws every route of a peer whose session went down (RFC 4271 §8: routes from a closed session are gone).</summary>
    public async Task DropPeerAsync(IPAddress address, uint asn, DateTimeOffset at)
    {
        await FlushAsync();
        var peer = PeerOf(address, asn);
        var drops = _touchedShards.Select(async shard => peer.Count(await grains.GetGrain<IPrefixShardGrain>(ShardMap.KeyAt(shard)).DropPeer(peer.Key, at)));
        await Task.WhenAll(drops);
        peer.Latest = at;
        await ReportAsync();
    }

    public void SetMode(IPAddress address, uint asn, FullFeedMode mode) => PeerOf(address, asn).Mode = mode;

    private async Task SendAsync(IngestPeer peer, int shard)
    {
        var changes = peer.Pending[shard]!;
        peer.Pending[shard] = null;
        var batch = new RouteBatch(peer.Key, peer.Latest, [.. changes], _fullFeed);
        var previous = _shardTail[shard];
        var call = SendInOrderAsync(peer, shard, batch, previous);
        _shardTail[shard] = call;
        _touchedShards.Add(shard);
        _inFlight.Enqueue(call);
        while (_inFlight.Count > MaxInFlight)
        {
            await _inFlight.Dequeue();
        }
    }

    private async Task SendInOrderAsync(IngestPeer peer, int shard, RouteBatch batch, Task? previous)
    {
        if (previous is not null)
        {
            await previous;
        }

        peer.Count(await grains.GetGrain<IPrefixShardGrain>(ShardMap.KeyAt(shard)).Apply(batch));
    }

    private async Task ReportAsync()
    {
        _sinceReport = 0;
        var set = await grains.GetGrain<IPeerTableGrain>(IPeerTableGrain.Key).Report([.. PeerCounts]);
        if (set.Version == _fullFeed.Version)
        {
            return;
        }

        _fullFeed = set;
        await Task.WhenAll(_touchedShards.Select(shard => grains.GetGrain<IPrefixShardGrain>(ShardMap.KeyAt(shard)).UseFullFeed(set)));
    }

    private IngestPeer PeerOf(IPAddress address, uint asn)
    {
        if (!_peers.TryGetValue((address, asn), out var peer))
        {
            peer = new IngestPeer(PeerKey.Of(source, address, asn));
            _peers.Add((address, asn), peer);
        }

        return peer;
    }
}
