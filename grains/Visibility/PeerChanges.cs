namespace Grid.Grains.Visibility;

/// <summary>One peer's section of a <see cref="RouteBatch"/>: its changes within the shard, in the order the feed saw them.</summary>
/// <param name="Peer">The peer's key, see <see cref="PeerKey"/>.</param>
/// <param name="Timestamp">The peer's latest element time: signals are recorded at event time, so a replayed file shows its outage when it happened.</param>
/// <param name="Rebuilding">The sending feed has not finished its epoch's initial table load yet; the shard tracks loading per peer.</param>
/// <param name="Changes">The peer's changes here; never changed once sent (the batch is <c>Immutable</c>).</param>
[GenerateSerializer, Alias("grid.PeerChanges"), Immutable]
public sealed record PeerChanges([property: Id(0)] string Peer, [property: Id(1)] DateTimeOffset Timestamp, [property: Id(2)] bool Rebuilding, [property: Id(3)] RouteChange[] Changes);
