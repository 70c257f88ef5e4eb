using System.Net;
using Grid.Bgp.Model;
using Grid.Grains.Visibility;

namespace Grid.Silo.Feeds.Live;

/// <summary>What a live feed (BGP sessions, BMP) asks of its ingest, in the order it happened.</summary>
internal abstract record LiveRouteCommand(string Source)
{
    public sealed record Routes(string Source, RouteElement[] Elements) : LiveRouteCommand(Source);

    /// <summary>A peer's table is complete (End-of-RIB, RFC 4724 §2): it may join the full-feed set now.</summary>
    public sealed record EndOfTable(string Source) : LiveRouteCommand(Source);

    /// <summary>A peer's session ended: all its routes are withdrawn (RFC 4271 §9.1.1).</summary>
    public sealed record DropPeer(string Source, IPAddress Address, uint Asn, DateTimeOffset At) : LiveRouteCommand(Source);

    public sealed record SetMode(string Source, IPAddress Address, uint Asn, FullFeedMode Mode) : LiveRouteCommand(Source);
}
