
namespace Grid.Grains.Visibility;

/// <summary>
/// The one table of BGP peers (key <c>bgp</c>): their table sizes, and from those the full-feed
/// sets every shard uses. It only answers; feeds carry new sets to the shards they write to,
/// so no call ever runs from this grain back into a shard (no call cycles).
/// </summary>
public interface IPeerTableGrain : IGrainWithStringKey
{
    public const string Key = "bgp";

    /// <summary>
    /// Records table sizes and returns the full-feed sets that follow from all reports so far. A
    /// newer <paramref name="epoch"/> (a new collector) forgets the peers of the old one, whose
    /// tables are gone; an older one is refused (the old collector's set is returned unchanged).
    /// </summary>
    Task<FullFeedSet> Report(long epoch, PeerReport[] reports);

    Task<FullFeedSet> FullFeed();

    Task<PeerRecord[]> Peers();
}
