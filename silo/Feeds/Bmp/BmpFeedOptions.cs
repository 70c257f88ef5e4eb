using Grid.Bgp.Bmp.Model;

namespace Grid.Silo.Feeds.Bmp;

/// <summary><c>Grid:Bmp</c>: Grid as a BMP monitoring station (RFC 7854): routers connect to it and report their peers' tables.</summary>
public sealed class BmpFeedOptions
{
    public const string Section = "Grid:Bmp";

    /// <summary>address:port to accept routers on, e.g. <c>127.0.0.1:11019</c>; the station runs when it is set.</summary>
    public string? Listen { get; set; }

    /// <summary>
    /// Router addresses allowed to connect. A BMP router injects routes (and can mask an outage by
    /// reporting routes the real routers withdrew), so empty, which allows any, is only accepted
    /// on a loopback <see cref="Listen"/> address; any other listener refuses to start without it.
    /// </summary>
    public List<string> Routers { get; set; } = [];

    /// <summary>
    /// Which table counts for visibility: <c>AdjRibInPrePolicy</c> (what the peer itself sent, the
    /// default), <c>AdjRibInPostPolicy</c> or <c>LocRib</c>.
    /// </summary>
    public BmpRib Rib { get; set; } = BmpRib.AdjRibInPrePolicy;

    /// <summary><c>true</c>, <c>false</c> or <c>auto</c> for every monitored peer, as for BGP neighbors.</summary>
    public string FullFeed { get; set; } = "auto";

    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Router connections held at once; one more is closed as soon as it is accepted.</summary>
    public int MaxConnections { get; set; } = 64;

    /// <summary>Peers one router may report; the messages of further peers are dropped (and logged once).</summary>
    public int MaxPeersPerRouter { get; set; } = 1000;

    /// <summary>
    /// Prefixes of one family one monitored peer may hold (a full table is about 1.04M IPv4 and
    /// 0.22M IPv6 routes); a peer past it has every route withdrawn and is ignored until its next
    /// Peer Down or the router's reconnection, like a BGP session's maximum-prefix limit.
    /// </summary>
    public long MaxPrefixesPerPeer { get; set; } = 2_000_000;

    /// <summary>
    /// How long a new connection may stay silent: a router sends its Initiation message first,
    /// as soon as the session is up (RFC 7854 §4.3), so a connection that says nothing is closed.
    /// </summary>
    public TimeSpan InitiationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A router connection that brings no message for this long is closed (its peers' routes are
    /// withdrawn; routers reconnect on their own). BMP has no keepalive: a router with a small,
    /// quiet table should send Statistics Reports more often than this (FRR <c>bmp stats interval</c>,
    /// GoBGP <c>statistics-timeout</c>). Zero turns it off.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
}
