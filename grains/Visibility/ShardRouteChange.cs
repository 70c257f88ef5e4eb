using Grid.Bgp.Model;

namespace Grid.Grains.Visibility;

/// <summary>What a shard's recent-change ring hands to evidence: one change as the shard applied it.</summary>
/// <param name="Peer">The peer's key (<see cref="PeerKey"/>).</param>
/// <param name="PeerDown">The peer's session went down: all its routes were withdrawn at once (no prefix).</param>
[GenerateSerializer, Alias("grid.ShardRouteChange")]
public readonly record struct ShardRouteChange(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Peer,
    [property: Id(2)] Prefix Prefix,
    [property: Id(3)] RouteAction Action,
    [property: Id(4)] uint OriginAsn,
    [property: Id(5)] bool PeerDown = false);
