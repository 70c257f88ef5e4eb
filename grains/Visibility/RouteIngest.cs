using System.Net;
using Grid.Bgp.Model;
using Grid.Grains.Hosting;

namespace Grid.Grains.Visibility;

/// <summary>
/// The feed side of the hot path: turns a stream of <see cref="RouteElement"/>s from one source
/// (an MRT replay, RIS Live, a BGP session) into batched shard calls, keeps each peer's table size
/// from the shards' answers, and carries new full-feed sets to the shards. Not thread-safe: one
/// ingest per feed, fed from one loop. Changes are batched per shard across all the feed's peers, so a
/// flush makes at most one call per shard (a shard's full buffer sends one more). Calls to one shard stay in order; calls to different shards
/// overlap, up to <see cref="MaxInFlight"/>. <paramref name="epoch"/> is the collector's epoch (the
/// <c>routing</c> lease's fencing token, 0 outside a lease); every batch carries it, and says whether
/// this feed is still loading its initial table (the shards hold their counts back meanwhile); a
/// feed that has no initial table (an MRT replay of update files, RIS Live) passes
/// <paramref name="loadsTable"/> false.
/// </summary>
public sealed class RouteIngest(IGrainFactory grains, VisibilityOptions options, string source, long epoch = 0, bool loadsTable = true)
{
    private readonly long _epoch = epoch;

    private const int MaxInFlight = 64;
    private const int ReportEvery = 100_000;

    private readonly Dictionary<(IPAddress, uint), IngestPeer> _peers = [];
    private readonly Task?[] _shardTail = new Task?[ShardMap.ShardCount];
    private readonly ShardPending?[] _pending = new ShardPending?[ShardMap.ShardCount];
    // Grain references made once per shard: resolving one per batch showed in the load's profile.
    private readonly IPrefixShardGrain?[] _shards = new IPrefixShardGrain?[ShardMap.ShardCount];
    private readonly Queue<Task> _inFlight = new();
    private readonly List<Prefix> _pieces = [];
    private FullFeedSet _fullFeed = FullFeedSet.Empty;
    private long _sinceReport;
    private IPAddress? _lastAddress;
    private IngestPeer? _lastPeer;

    public long Elements { get; private set; }

    /// <summary>True until the first complete table (an end-of-table flush) under a fenced epoch.</summary>
    public bool Rebuilding { get; private set; } = epoch != 0 && loadsTable;

    public FullFeedSet FullFeed => _fullFeed;


    public async ValueTask AddAsync(RouteElement element)
    {
        var peer = PeerOf(element.PeerAddress, element.PeerAsn);
        if (element.Timestamp > peer.Latest)
        {
            peer.Latest = element.Timestamp;
        }

        if (element.Prefix.Length >= ShardMap.ShardLengthOf(element.Prefix))
        {
            await QueueAsync(peer, new RouteChange(element.Prefix, element.Action, element.OriginAsn));
        }
        else
        {
            _pieces.Clear();
            ShardMap.Split(element.Prefix, _pieces);
            foreach (var piece in _pieces)
            {
                await QueueAsync(peer, new RouteChange(piece, element.Action, element.OriginAsn));
            }
        }

        Elements++;
        if (++_sinceReport >= ReportEvery)
        {
            await FlushAsync();
        }
    }

    private ValueTask QueueAsync(IngestPeer peer, RouteChange change)
    {
        var shard = ShardMap.IndexOf(change.Prefix);
        var pending = _pending[shard] ??= new ShardPending(shard, options.BatchSize);
        return pending.Add(peer, change) ? new ValueTask(SendAsync(shard)) : ValueTask.CompletedTask;
    }

    /// <summary>
    /// Sends everything pending, waits for it, and reports peer table sizes to the peer table.
    /// <paramref name="endOfTable"/> says every peer's table is now complete (the end of a RIB dump,
    /// BGP End-of-RIB, RFC 4724 §2), so peers above the threshold may join the full-feed set at once.
    /// </summary>
    public async Task FlushAsync(bool endOfTable = false)
    {
        for (var shard = 0; shard < _pending.Length; shard++)
        {
            if (_pending[shard]?.Count > 0)
            {
                await SendAsync(shard);
            }
        }

        while (_inFlight.TryDequeue(out var call))
        {
            await call;
        }

        await ReportAsync(endOfTable);
        if (endOfTable && Rebuilding)
        {
            // Everything of the initial table has reached the shards and the full-feed set is in
            // place: the shards may report their counts.
            Rebuilding = false;
            var at = _peers.Values.Select(p => p.Latest).DefaultIfEmpty(DateTimeOffset.UtcNow).Max();
            string[] peers = [.. _peers.Values.Select(p => p.Key)];
            await Task.WhenAll(TouchedShards.Select(shard => Shard(shard).TableLoaded(_epoch, at, peers)));
        }
    }

    /// <summary>Withdraws every route of a peer whose session went down (RFC 4271 §8: routes from a closed session are gone).</summary>
    public async Task DropPeerAsync(IPAddress address, uint asn, DateTimeOffset at)
    {
        await FlushAsync();
        var peer = PeerOf(address, asn);
        var drops = TouchedShards.Select(async shard => peer.Count(await SiloLossRetry.RunAsync(() => Shard(shard).DropPeer(peer.Key, at, _epoch))));
        await Task.WhenAll(drops);
        peer.Latest = at;
        await ReportAsync(endOfTable: true);
    }

    public void SetMode(IPAddress address, uint asn, FullFeedMode mode) => PeerOf(address, asn).Mode = mode;

    /// <summary>One peer's table size as the shards last answered; null for a peer this ingest has not seen.</summary>
    public (long IPv4Prefixes, long IPv6Prefixes)? TableSize(IPAddress address, uint asn) =>
        _peers.TryGetValue((address, asn), out var peer) ? (peer.IPv4Prefixes, peer.IPv6Prefixes) : null;

    /// <summary>Each peer's table size as the shards last answered (prefixes it holds, per family).</summary>
    public IEnumerable<(IPAddress Address, uint Asn, long IPv4Prefixes, long IPv6Prefixes)> TableSizes() =>
        _peers.Select(pair => (pair.Key.Item1, pair.Key.Item2, pair.Value.IPv4Prefixes, pair.Value.IPv6Prefixes));

    private async Task SendAsync(int shard)
    {
        var (sections, peers) = _pending[shard]!.Take(Rebuilding);
        var batch = new RouteBatch(sections, _fullFeed, _epoch);
        var previous = _shardTail[shard];
        var call = SendInOrderAsync(peers, shard, batch, previous);
        _shardTail[shard] = call;
        _inFlight.Enqueue(call);
        while (_inFlight.Count > MaxInFlight)
        {
            await _inFlight.Dequeue();
        }
    }

    private async Task SendInOrderAsync(IngestPeer[] peers, int shard, RouteBatch batch, Task? previous)
    {
        if (previous is not null)
        {
            await previous;
        }

        // One delta per section, in section order; a shard that refused the epoch answers none.
        var deltas = await SiloLossRetry.RunAsync(() => Shard(shard).Apply(batch));
        for (var i = 0; i < deltas.Length && i < peers.Length; i++)
        {
            peers[i].Count(deltas[i]);
        }
    }

    private IPrefixShardGrain Shard(int shard) => _shards[shard] ??= grains.GetGrain<IPrefixShardGrain>(ShardMap.KeyAt(shard));

    /// <summary>The shards this feed has written to: those with a call on record.</summary>
    private IEnumerable<int> TouchedShards => Enumerable.Range(0, _shardTail.Length).Where(shard => _shardTail[shard] is not null);

    private async Task ReportAsync(bool endOfTable)
    {
        _sinceReport = 0;
        var set = await grains.GetGrain<IPeerTableGrain>(IPeerTableGrain.Key).Report(_epoch, [.. _peers.Values.Select(p => p.Report(endOfTable))]);
        if (set.Version == _fullFeed.Version)
        {
            return;
        }

        _fullFeed = set;
        await Task.WhenAll(TouchedShards.Select(shard => SiloLossRetry.RunAsync(() => Shard(shard).UseFullFeed(set, _epoch))));
    }

    private IngestPeer PeerOf(IPAddress address, uint asn)
    {
        // Feeds hand out one address object per peer, and elements come in runs per peer.
        if (ReferenceEquals(address, _lastAddress) && asn == _lastPeer!.Asn)
        {
            return _lastPeer;
        }

        if (!_peers.TryGetValue((address, asn), out var peer))
        {
            peer = new IngestPeer(PeerKey.Of(source, address, asn), asn);
            _peers.Add((address, asn), peer);
        }

        _lastAddress = address;
        _lastPeer = peer;
        return peer;
    }
}
