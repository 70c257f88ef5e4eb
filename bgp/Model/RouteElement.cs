using System.Net;

namespace Grid.Bgp.Model;

/// <summary>What an element says about its prefix.</summary>
public enum RouteAction : byte
{
    /// <summary>An UPDATE's announcement, or a RIB entry (a route the peer holds).</summary>
    Announce,

    /// <summary>An UPDATE's withdrawal.</summary>
    Withdraw,
}

/// <summary>
/// One prefix as one peer saw it at one time: the flattened element every feed produces
/// (MRT RIB entries and UPDATEs, RIS Live, BGP sessions, BMP). Like bgpkit's BgpElem, but only what
/// visibility needs: the full attributes stay in the decoders that print them.
/// </summary>
/// <param name="Timestamp">When the collector recorded it (MRT header time; RIS Live "timestamp").</param>
/// <param name="PeerAddress">The peer that sent it.</param>
/// <param name="PeerAsn">The peer's AS number (4-octet, RFC 6793).</param>
/// <param name="Prefix">The prefix announced or withdrawn.</param>
/// <param name="Action">Announce (including RIB entries) or withdraw.</param>
/// <param name="OriginAsn">The last AS of the AS_PATH; 0 for withdrawals, or when the path ends in an AS_SET.</param>
public readonly record struct RouteElement(
    DateTimeOffset Timestamp,
    IPAddress PeerAddress,
    uint PeerAsn,
    Prefix Prefix,
    RouteAction Action,
    uint OriginAsn);
