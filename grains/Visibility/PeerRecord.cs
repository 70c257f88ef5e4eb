namespace Grid.Grains.Visibility;

/// <summary>What the peer table knows of one peer.</summary>
[GenerateSerializer, Alias("grid.PeerRecord")]
public sealed record PeerRecord([property: Id(0)] string Peer, [property: Id(1)] long IPv4Prefixes, [property: Id(2)] long IPv6Prefixes, [property: Id(3)] DateTimeOffset LastReport, [property: Id(4)] FullFeedMode Mode, [property: Id(5)] bool FullFeedIPv4, [property: Id(6)] bool FullFeedIPv6);
