namespace Grid.Grains.Visibility;

/// <summary>A feed's count of one peer's prefixes, at event time.</summary>
public sealed record PeerReport(string Peer, long IPv4Prefixes, long IPv6Prefixes, DateTimeOffset At, FullFeedMode Mode = FullFeedMode.Auto);

/// <summary>What the peer table knows of one peer.</summary>
public sealed record PeerRecord(string Peer, long IPv4Prefixes, long IPv6Prefixes, DateTimeOffset LastReport, FullFeedMode Mode, bool FullFeedIPv4, bool FullFeedIPv6);
