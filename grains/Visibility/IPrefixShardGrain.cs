namespace Grid.Grains.Visibility;

/// <summary>
/// Holds, for one slice of address space (key: the shard prefix, e.g. <c>10.0.0.0/8</c>), which
/// peers see each prefix, and owns that slice's part of every country's and AS's visible space,
/// which it reports to them as absolute counts (<see cref="ShardVisibility"/>).
/// </summary>
public interface IPrefixShardGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies one feed's changes, per peer section; returns how many prefixes each section's peer
    /// gained or lost here, in section order (none when the batch's epoch is refused).
    /// </summary>
    Task<PeerPrefixDelta[]> Apply(RouteBatch batch);

    /// <summary>Adopts newer full-feed peer sets and re-evaluates every prefix; an older <paramref name="epoch"/> is refused.</summary>
    /// <remarks>
    /// The whole-shard calls (this and <see cref="TableLoaded"/>) await one call
    /// to every entity grain of the shard's prefixes, which in a cluster first activates hundreds of
    /// them from PostgreSQL: on a loaded cluster that outlasts Orleans' default 30 s response
    /// timeout, and the collector's replay failed there (bench --only cluster, 2026-12-04).
    /// </remarks>
    [ResponseTimeout("00:05:00")]
    Task UseFullFeed(FullFeedSet set, long epoch);

    /// <summary>The peer's session went down: all its routes here are withdrawn at once; an older <paramref name="epoch"/> is refused.</summary>
    Task<PeerPrefixDelta> DropPeer(string peer, DateTimeOffset at, long epoch);

    /// <summary>
    /// A feed finished its initial table load for <paramref name="epoch"/>: its <paramref name="peers"/>
    /// are loaded. Once no peer of any feed is still loading, the shard stops holding its counts back
    /// and reports every entity it counts for.
    /// </summary>
    [ResponseTimeout("00:05:00")]
    Task TableLoaded(long epoch, DateTimeOffset at, string[] peers);

    /// <summary>
    /// The entity's count in this shard now (<c>BY</c> or <c>AS6697</c>), for an entity that was
    /// activated (after a crash or a move) and reads its shards again. Interleaved: it only reads,
    /// and the shard may itself be waiting on that entity's activation with a report.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<ShardVisibility> VisibilityOf(string entity);

    /// <summary>
    /// The live route changes this shard kept (<see cref="RecentRouteChanges"/>) that touch
    /// <paramref name="entity"/> within the window, oldest first, at most the newest <paramref name="max"/>:
    /// the raw BGP part of an evidence bundle. Interleaved: it only reads.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<ShardRouteChange[]> RecentChanges(string entity, DateTimeOffset from, DateTimeOffset to, int max);

    Task<ShardSummary> Summary();
}
