namespace Grid.Grains.Visibility;

/// <summary>
/// The peers whose tables count for visibility, per family (a peer may carry a full IPv4 table and
/// a partial IPv6 one). <see cref="Version"/> only grows, so shards can tell a newer set from an older.
/// </summary>
[GenerateSerializer, Alias("grid.FullFeedSet")]
public sealed record FullFeedSet([property: Id(0)] long Version, [property: Id(1)] string[] IPv4Peers, [property: Id(2)] string[] IPv6Peers, [property: Id(3)] DateTimeOffset Since)
{
    public static FullFeedSet Empty { get; } = new(0, [], [], DateTimeOffset.UnixEpoch);
}
