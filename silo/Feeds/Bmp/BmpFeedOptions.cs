using Grid.Bgp.Bmp.Model;

namespace Grid.Silo.Feeds.Bmp;

/// <summary><c>Grid:Bmp</c>: Grid as a BMP monitoring station (RFC 7854): routers connect to it and report their peers' tables.</summary>
public sealed class BmpFeedOptions
{
    public const string Section = "Grid:Bmp";

    /// <summary>address:port to accept routers on, e.g. <c>127.0.0.1:11019</c>; the station runs when it is set.</summary>
    public string? Listen { get; set; }

    /// <summary>
    /// Router addresses allowed to connect; empty allows any. A BMP router injects routes, so a
    /// station reachable from untrusted networks must list its routers.
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
}
