
namespace Grid.Grains.Visibility;

/// <summary>
/// Holds, for one slice of address space (key: the shard prefix, e.g. <c>10.0.0.0/8</c>), which
/// peers see each prefix, and turns changes of visibility into deltas for country and AS grains.
/// </summary>
public interface IPrefixShardGrain : IGrainWithStringKey
{
    /// <summary>Applies one peer's changes; returns how many prefixes that peer gained or lost here.</summary>
    Task<PeerPrefixDelta> Apply(RouteBatch batch);

    /// <summary>Adopts newer full-feed peer sets and re-evaluates every prefix; an older <paramref name="epoch"/> is refused.</summary>
    /// <remarks>
    /// The whole-shard calls (this, <see cref="TableLoaded"/>, <see cref="Regenerate"/>) await one call
    /// to every entity grain of the shard's prefixes, which in a cluster first activates hundreds of
    /// them from PostgreSQL: on a loaded cluster that outlasts Orleans' default 30 s response
    /// timeout, and the collector's replay failed there (bench --only cluster, 2026-12-04).
    /// </remarks>
    [ResponseTimeout("00:05:00")]
    Task UseFullFeed(FullFeedSet set, long epoch);

    /// <summary>The peer's session went down: all its routes here are withdrawn at once; an older <paramref name="epoch"/> is refused.</summary>
    Task<PeerPrefixDelta> DropPeer(string peer, DateTimeOffset at, long epoch);

    /// <summary>
    /// The feed finished its initial table load for <paramref name="epoch"/>: the shard tells the
    /// entities of its visible prefixes, so they stop holding their readings (<see cref="VisibilityEpoch"/>).
    /// </summary>
    [ResponseTimeout("00:05:00")]
    Task TableLoaded(long epoch, DateTimeOffset at);

    /// <summary>
    /// Re-emits every visible prefix as a +1 under <paramref name="epoch"/>, a newer generation of
    /// the same collector (<see cref="CollectorEpoch"/>), marked rebuilding: each entity it reaches
    /// restarts its count and holds until <see cref="TableLoaded"/> with that epoch. Refused (not
    /// accepted, the shard's own epoch returned) for another collector or a generation not above the shard's.
    /// </summary>
    [ResponseTimeout("00:05:00")]
    Task<ShardRegeneration> Regenerate(long epoch);

    Task<ShardSummary> Summary();
}

/// <summary>A shard's answer to <see cref="IPrefixShardGrain.Regenerate"/>: its epoch now, and the event time of its latest batch.</summary>
[GenerateSerializer, Alias("grid.ShardRegeneration")]
public sealed record ShardRegeneration([property: Id(0)] long Epoch, [property: Id(1)] DateTimeOffset Latest, [property: Id(2)] bool Accepted);

/// <summary>Counts for monitoring one shard.</summary>
[GenerateSerializer, Alias("grid.ShardSummary")]
public sealed record ShardSummary([property: Id(0)] string Shard, [property: Id(1)] int Prefixes, [property: Id(2)] int VisiblePrefixes, [property: Id(3)] int Peers, [property: Id(4)] long FullFeedVersion, [property: Id(5)] long Epoch = 0);
