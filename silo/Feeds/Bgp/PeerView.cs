using Grid.Bgp.Session;
using Grid.Silo.Feeds.Live;

namespace Grid.Silo.Feeds.Bgp;

/// <summary>
/// One neighbor as <c>GET /v1/peers</c> shows it: its session, and the table Grid counts from it.
/// <see cref="Prefixes"/> is what the prefix shards hold from the peer now, so it drops to 0 when
/// the session goes down even though the counters of what was received keep their totals.
/// </summary>
public sealed record PeerView(
    string Source,
    string Address,
    uint As,
    bool Passive,
    string FullFeed,
    string State,
    DateTimeOffset? EstablishedAt,
    double? UptimeSeconds,
    DateTimeOffset? LastMessageAt,
    double? LastMessageAgeSeconds,
    PeerTableSize Prefixes,
    long UpdatesReceived,
    long PrefixesAnnounced,
    long PrefixesWithdrawn,
    long MalformedUpdates,
    int SessionsEstablished,
    string? LastError,
    BgpNegotiatedStatus? Negotiated)
{
    public static PeerView Of(string source, BgpPeerStatus status, string fullFeed, PeerTableSize? table, DateTimeOffset now) => new(
        source,
        status.Address,
        status.As,
        status.Passive,
        fullFeed,
        status.State,
        status.EstablishedAt,
        status.EstablishedAt is { } up ? Math.Round((now - up).TotalSeconds, 1) : null,
        status.LastMessageAt,
        status.LastMessageAt is { } last ? Math.Round((now - last).TotalSeconds, 1) : null,
        table ?? default,
        status.UpdatesReceived,
        status.PrefixesAnnounced,
        status.PrefixesWithdrawn,
        status.MalformedUpdates,
        status.SessionsEstablished,
        status.LastError,
        status.Negotiated);
}
