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
