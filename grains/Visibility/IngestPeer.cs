namespace Grid.Grains.Visibility;

/// <summary>One peer as a feed sees it: its pending changes per shard, and its table size as the shards report it.</summary>
internal sealed class IngestPeer(string key)
{
    private long _ipv4;
    private long _ipv6;

    public string Key { get; } = key;

    public List<RouteChange>?[] Pending { get; } = new List<RouteChange>?[ShardMap.ShardCount];

    public DateTimeOffset Latest { get; set; } = DateTimeOffset.MinValue;

    public FullFeedMode Mode { get; set; } = FullFeedMode.Auto;

    public long IPv4Prefixes => Interlocked.Read(ref _ipv4);

    public long IPv6Prefixes => Interlocked.Read(ref _ipv6);

    public void Count(PeerPrefixDelta delta)
    {
        Interlocked.Add(ref _ipv4, delta.IPv4);
        Interlocked.Add(ref _ipv6, delta.IPv6);
    }
}
