using Grid.Bgp.Model;

namespace Grid.Bgp.Messages;

/// <summary>
/// What a decoder must know about the session an UPDATE came from, because the wire format alone
/// does not say: the AS number width (RFC 6793 §4: 4 octets once both speakers advertise the
/// capability) and which families carry ADD-PATH identifiers (RFC 7911 §3).
/// </summary>
/// <param name="FourOctetAsn">AS_PATH and AGGREGATOR carry 4-octet ASNs.</param>
/// <param name="AddPath">Families whose NLRI are preceded by a path identifier.</param>
public readonly record struct BgpDecodeContext(bool FourOctetAsn, AddPathFamilies AddPath = AddPathFamilies.None)
{
    /// <summary>
    /// Set for attributes of MRT RIB entries, whose MP_REACH_NLRI may be abbreviated to the next
    /// hop alone (RFC 6396 §4.3.4); <see cref="RibAfi"/> and <see cref="RibSafi"/> say for which family.
    /// </summary>
    public bool InRibEntry { get; init; }

    public Afi RibAfi { get; init; }

    public Safi RibSafi { get; init; }

    public int AsnSize => FourOctetAsn ? 4 : 2;

    /// <summary>Whether NLRI of this family are preceded by a 4-octet path identifier.</summary>
    public bool HasPathIds(Afi afi, Safi safi) => AddPath != AddPathFamilies.None && (AddPath & FamilyFlag(afi, safi)) != 0;

    internal static AddPathFamilies FamilyFlag(Afi afi, Safi safi) => (afi, safi) switch
    {
        (Afi.IPv4, Safi.Unicast) => AddPathFamilies.IPv4Unicast,
        (Afi.IPv6, Safi.Unicast) => AddPathFamilies.IPv6Unicast,
        (Afi.IPv4, Safi.Multicast) => AddPathFamilies.IPv4Multicast,
        (Afi.IPv6, Safi.Multicast) => AddPathFamilies.IPv6Multicast,
        _ => AddPathFamilies.Other,
    };
}
