namespace Grid.Silo.Feeds.Bgp;

/// <summary>
/// <c>Grid:Bgp</c>: Grid's own receive-only BGP speaker. It runs when <see cref="Listen"/> is set or
/// any peer is configured. The names are part of Grid's interface (API and dashboards use them).
/// </summary>
public sealed class BgpFeedOptions
{
    public const string Section = "Grid:Bgp";

    /// <summary>address:port for passive sessions, e.g. <c>127.0.0.1:1179</c> or <c>[::]:179</c>.</summary>
    public string? Listen { get; set; }

    public uint LocalAs { get; set; }

    /// <summary>The BGP Identifier, written as an IPv4 address (RFC 6286).</summary>
    public string? RouterId { get; set; }

    public ushort HoldTime { get; set; } = 90;

    public TimeSpan ConnectRetry { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxConnectRetry { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// How long a new connection may take to send its OPEN (RFC 4271 §8.2.2 suggests 4 minutes).
    /// Only configured neighbors' addresses get this far; anyone else is refused before a read.
    /// </summary>
    public TimeSpan OpenWait { get; set; } = TimeSpan.FromSeconds(240);

    /// <summary>
    /// Prefixes of one family a neighbor may hold; past it the session is closed with Cease/Maximum
    /// Number of Prefixes Reached (RFC 4486 §4) and its routes are withdrawn. A full table is about
    /// 1.04M IPv4 and 0.22M IPv6 routes.
    /// </summary>
    public long MaxPrefixesPerPeer { get; set; } = 2_000_000;

    /// <summary>During a burst, routes reach the grains at least this often; a lone withdrawal goes at once.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    public List<BgpFeedPeer> Peers { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(Listen) || Peers.Count > 0;
}

/// <summary><c>Grid:Bgp:Peers:N</c>: one neighbor.</summary>
public sealed class BgpFeedPeer
{
    public string? Address { get; set; }

    public uint As { get; set; }

    /// <summary>Only wait for the neighbor to connect.</summary>
    public bool Passive { get; set; }

    public int Port { get; set; } = 179;

    /// <summary><c>true</c>, <c>false</c> or <c>auto</c> (IODA's table-size rule, Grid:Visibility).</summary>
    public string FullFeed { get; set; } = "auto";
}
