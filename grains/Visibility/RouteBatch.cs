namespace Grid.Grains.Visibility;

/// <summary>
/// The changes one feed made within one shard, for all its peers, sent in one grain call: the hot
/// path carries thousands of changes per call, never one call per update, nor one per peer (DESIGN.md).
/// </summary>
/// <param name="Peers">One section per peer with changes here; the shard answers one delta per section, in order.</param>
/// <param name="FullFeed">The feed's current full-feed peer sets; a shard adopts them when newer than its own.</param>
/// <param name="Epoch">The collector's epoch (the <c>routing</c> lease's fencing token; 0 outside any lease); a shard refuses an older epoch.</param>
/// <remarks>
/// Immutable: the ingest builds each batch afresh and never touches it after sending, and the shard
/// only reads it, so a call within the silo (the collector's, prefer-local) passes it without the deep
/// copy of every change (each <see cref="Grid.Bgp.Model.Prefix"/> through its surrogate).
/// </remarks>
[GenerateSerializer, Alias("grid.RouteBatch"), Immutable]
public sealed record RouteBatch([property: Id(0)] PeerChanges[] Peers, [property: Id(1)] FullFeedSet FullFeed, [property: Id(2)] long Epoch = 0);
