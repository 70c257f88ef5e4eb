namespace Grid.Grains.Visibility;

/// <summary>One peer as a feed sees it: where its pending changes sit per shard, and its table size as the shards report it.</summary>
internal sealed class IngestPeer(string key, uint asn)
{
    private long _ipv4;
    private long _ipv6;

    public string Key { get; } = key;

    public uint Asn { get; } = asn;

    /// <summary>Per shard, this peer's section in the shard's pending batch, plus one (0: none yet), see <see cref="ShardPending"/>.</summary>
    public int[] Section { get; } = new int[ShardMap.ShardCount];

    public DateTimeOffset Latest { get; set; } = DateTimeOffset.MinValue;

    public FullFeedMode Mode { get; set; } = FullFeedMode.Auto;

    public long IPv4Prefixes => Interlocked.Read(ref _ipv4);

    public long IPv6Prefixes => Interlocked.Read(ref _ipv6);

    /// <summary>The table size at the previous report, to tell a table still loading from a settled one.</summary>
    public long ReportedTotal { get; set; }

    /// <summary>A report of this peer; settled at the end of its table, or when it grew by at most 1% since the last report.</summary>
    public PeerReport Report(bool endOfTable)
    {
        var total = IPv4Prefixes + IPv6Prefixes;
        var settled = endOfTable || Math.Abs(total - ReportedTotal) * 100 <= total;
        ReportedTotal = total;
        return new PeerReport(Key, IPv4Prefixes, IPv6Prefixes, Latest, Mode, settled);
    }

    public void Count(PeerPrefixDelta delta)
    {
        Interlocked.Add(ref _ipv4, delta.IPv4);
        Interlocked.Add(ref _ipv6, delta.IPv6);
    }
}
