namespace Grid.Grains.Visibility;

/// <summary>
/// The peers whose tables count for visibility, per family (a peer may carry a full IPv4 table and
/// a partial IPv6 one). <see cref="Version"/> only grows, so shards can tell a newer set from an older.
/// </summary>
public sealed record FullFeedSet(long Version, string[] IPv4Peers, string[] IPv6Peers, DateTimeOffset Since)
{
    public static FullFeedSet Empty { get; } = new(0, [], [], DateTimeOffset.UnixEpoch);
}
