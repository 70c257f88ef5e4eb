namespace Grid.Grains.Visibility;

/// <summary>
/// A feed's count of one peer's prefixes, at event time. <see cref="Settled"/> says the table is
/// complete (end of a RIB dump, BGP End-of-RIB) or stopped growing; a peer still loading its table
/// is not promoted to full-feed, or its missing half would make everyone else's prefixes flap.
/// </summary>
public sealed record PeerReport(string Peer, long IPv4Prefixes, long IPv6Prefixes, DateTimeOffset At, FullFeedMode Mode = FullFeedMode.Auto, bool Settled = true);

/// <summary>What the peer table knows of one peer.</summary>
public sealed record PeerRecord(string Peer, long IPv4Prefixes, long IPv6Prefixes, DateTimeOffset LastReport, FullFeedMode Mode, bool FullFeedIPv4, bool FullFeedIPv6);
