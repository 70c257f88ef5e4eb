namespace Grid.Bgp.Session;

/// <summary>What <c>GET /v1/peers</c> shows of one neighbor's session.</summary>
public sealed record BgpPeerStatus(
    string Address,
    uint As,
    bool Passive,
    string State,
    DateTimeOffset? EstablishedAt,
    DateTimeOffset? LastMessageAt,
    long UpdatesReceived,
    long PrefixesAnnounced,
    long PrefixesWithdrawn,
    long MalformedUpdates,
    int SessionsEstablished,
    string? LastError,
    BgpNegotiatedStatus? Negotiated);

/// <summary>The facts two OPENs agreed on (RFC 4271 §4.2, RFC 5492).</summary>
public sealed record BgpNegotiatedStatus(
    uint PeerRouterId,
    ushort HoldTime,
    bool FourOctetAs,
    bool ExtendedMessage,
    bool RouteRefresh,
    IReadOnlyList<string> Families,
    IReadOnlyList<string> AddPathReceive);
