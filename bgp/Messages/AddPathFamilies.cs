namespace Grid.Bgp.Messages;

/// <summary>
/// The address families for which a session's NLRI carry ADD-PATH path identifiers: what the
/// ADD-PATH capability negotiated to receive (RFC 7911 §4), or every family for MRT's _ADDPATH
/// subtypes (RFC 8050 §3).
/// </summary>
[Flags]
public enum AddPathFamilies
{
    None = 0,
    IPv4Unicast = 1,
    IPv6Unicast = 2,
    IPv4Multicast = 4,
    IPv6Multicast = 8,
    /// <summary>Any other AFI/SAFI (e.g. the deprecated unicast+multicast SAFI 3).</summary>
    Other = 16,
    All = IPv4Unicast | IPv6Unicast | IPv4Multicast | IPv6Multicast | Other,
}
