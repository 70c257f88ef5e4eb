using Grid.Bgp.Messages;

namespace Grid.Bgp.Model;

// MP_REACH_NLRI and MP_UNREACH_NLRI (RFC 4760 §3, §4): the part of PathAttributes that carries routes.
public sealed partial class PathAttributes
{
    internal ushort MpReachAfi { get; set; }

    internal byte MpReachSafi { get; set; }

    internal bool MpReachIsAbbreviated { get; set; }

    internal OctetRange MpReachNextHopRange { get; set; }

    internal OctetRange MpReachNlriRange { get; set; }

    internal ushort MpUnreachAfi { get; set; }

    internal byte MpUnreachSafi { get; set; }

    internal OctetRange MpUnreachNlriRange { get; set; }

    /// <summary>MP_REACH_NLRI; check <c>Has(PathAttributeType.MpReachNlri)</c> first.</summary>
    public MultiprotocolNlri MpReach => new(MpReachAfi, MpReachSafi, Slice(MpReachNextHopRange), Slice(MpReachNlriRange),
        Context.HasPathIds((Afi)MpReachAfi, (Safi)MpReachSafi), MpReachIsAbbreviated);

    /// <summary>MP_UNREACH_NLRI; check <c>Has(PathAttributeType.MpUnreachNlri)</c> first.</summary>
    public MultiprotocolNlri MpUnreach => new(MpUnreachAfi, MpUnreachSafi, default, Slice(MpUnreachNlriRange),
        Context.HasPathIds((Afi)MpUnreachAfi, (Safi)MpUnreachSafi), isAbbreviated: false);

    private void ResetMultiprotocol()
    {
        MpReachAfi = MpUnreachAfi = 0;
        MpReachSafi = MpUnreachSafi = 0;
        MpReachIsAbbreviated = false;
        MpReachNextHopRange = MpReachNlriRange = MpUnreachNlriRange = default;
    }
}

/// <summary>The routes of an MP_REACH_NLRI or MP_UNREACH_NLRI attribute (RFC 4760).</summary>
public readonly ref struct MultiprotocolNlri
{
    private readonly ReadOnlySpan<byte> _nlri;
    private readonly bool _hasPathIds;

    internal MultiprotocolNlri(ushort afi, byte safi, ReadOnlySpan<byte> nextHop, ReadOnlySpan<byte> nlri, bool hasPathIds, bool isAbbreviated)
    {
        Afi = (Afi)afi;
        Safi = (Safi)safi;
        NextHop = nextHop;
        _nlri = nlri;
        _hasPathIds = hasPathIds;
        IsAbbreviated = isAbbreviated;
    }

    public Afi Afi { get; }

    public Safi Safi { get; }

    /// <summary>True for IPv4 or IPv6 with SAFI 1, 2 or 3: the families whose NLRI are plain prefixes.</summary>
    public bool IsIPFamily => Afi is Afi.IPv4 or Afi.IPv6 && Safi is Safi.Unicast or Safi.Multicast or Safi.UnicastAndMulticast;

    /// <summary>
    /// The next hop field as received: 4 octets (IPv4), 16 (IPv6 global), 32 (IPv6 global and
    /// link-local, RFC 2545 §3) or another length for other families. Empty for MP_UNREACH.
    /// </summary>
    public ReadOnlySpan<byte> NextHop { get; }

    /// <summary>The next hop's first address (IPv4 for 4 octets, else the IPv6 global address); default when absent or unusual.</summary>
    public IPAddressValue NextHopAddress => NextHop.Length switch
    {
        4 => IPAddressValue.FromBytes(NextHop),
        16 or 32 => IPAddressValue.FromBytes(NextHop[..16]),
        _ => default,
    };

    /// <summary>True for the RIB-entry form that holds only the next hop (RFC 6396 §4.3.4).</summary>
    public bool IsAbbreviated { get; }

    public ReadOnlySpan<byte> EncodedNlri => _nlri;

    /// <summary>The prefixes (with path identifiers when the context negotiated ADD-PATH for this family).</summary>
    public NlriReader Nlri => new(_nlri, Afi == Afi.IPv4, _hasPathIds);
}
