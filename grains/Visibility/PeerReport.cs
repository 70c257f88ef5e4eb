namespace Grid.Grains.Visibility;

/// <summary>
/// A feed's count of one peer's prefixes, at event time. <see cref="Settled"/> says the table is
/// complete (end of a RIB dump, BGP End-of-RIB) or stopped growing; a peer still loading its table
/// is not promoted to full-feed, or its missing half would make everyone else's prefixes flap.
/// </summary>
[GenerateSerializer, Alias("grid.PeerReport")]
public sealed record PeerReport([property: Id(0)] string Peer, [property: Id(1)] long IPv4Prefixes, [property: Id(2)] long IPv6Prefixes, [property: Id(3)] DateTimeOffset At, [property: Id(4)] FullFeedMode Mode = FullFeedMode.Auto, [property: Id(5)] bool Settled = true);
