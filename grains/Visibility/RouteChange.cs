using Grid.Bgp.Model;

namespace Grid.Grains.Visibility;

/// <summary>One prefix announced (with its origin AS) or withdrawn by the batch's peer.</summary>
[GenerateSerializer, Alias("grid.RouteChange")]
public readonly record struct RouteChange([property: Id(0)] Prefix Prefix, [property: Id(1)] RouteAction Action, [property: Id(2)] uint OriginAsn);

/// <summary>
/// The changes one peer made within one shard, sent in one grain call: the hot path carries
/// thousands of changes per call, never one call per update (DESIGN.md).
/// </summary>
/// <param name="Peer">The peer's key, see <see cref="PeerKey"/>.</param>
/// <param name="Timestamp">The latest element time in the batch: signals are recorded at event time, so a replayed file shows its outage when it happened.</param>
/// <param name="FullFeed">The feed's current full-feed peer sets; a shard adopts them when newer than its own.</param>
/// <param name="Epoch">The collector's epoch (the <c>routing</c> lease's fencing token; 0 outside any lease): see <see cref="VisibilityEpoch"/>.</param>
/// <param name="Rebuilding">The sending feed has not finished its epoch's initial table load yet.</param>
[GenerateSerializer, Alias("grid.RouteBatch")]
public sealed record RouteBatch([property: Id(0)] string Peer, [property: Id(1)] DateTimeOffset Timestamp, [property: Id(2)] RouteChange[] Changes, [property: Id(3)] FullFeedSet FullFeed, [property: Id(4)] long Epoch = 0, [property: Id(5)] bool Rebuilding = false);

/// <summary>How many prefixes the batch's peer gained (or lost) in the shard, per family.</summary>
[GenerateSerializer, Alias("grid.PeerPrefixDelta")]
public readonly record struct PeerPrefixDelta([property: Id(0)] int IPv4, [property: Id(1)] int IPv6);
