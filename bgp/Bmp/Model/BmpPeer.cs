using System.Net;

namespace Grid.Bgp.Bmp.Model;

/// <summary>
/// A per-peer header's identity (RFC 7854 §4.2): which peer, and which of its tables the message
/// is about. The reader makes one object per distinct header, so messages share them and the
/// peer's <see cref="IPAddress"/> is allocated once. The header's timestamp is on the message.
/// (Flags are tested with masks, not Enum.HasFlag, which boxes in unoptimised builds: these run per UPDATE.)
/// </summary>
/// <param name="Type">Global, RD or local instance peer, or Loc-RIB.</param>
/// <param name="Flags">V, L, A and O as sent.</param>
/// <param name="Distinguisher">The RD or local instance number; 0 for the global instance.</param>
/// <param name="Address">The peer's address (IPv6 when V is set, else IPv4 from the last 4 octets).</param>
/// <param name="Asn">The peer's AS (4-octet).</param>
/// <param name="BgpIdentifier">The peer's BGP Identifier (RFC 4271 §4.2).</param>
public sealed record BmpPeer(BmpPeerType Type, BmpPeerFlags Flags, ulong Distinguisher, IPAddress Address, uint Asn, uint BgpIdentifier)
{
    /// <summary>The L flag: routes after the router's policy.</summary>
    public bool IsPostPolicy => Type != BmpPeerType.LocRib && (Flags & BmpPeerFlags.PostPolicy) != 0;

    /// <summary>The O flag: routes the router sends to the peer (RFC 8671).</summary>
    public bool IsAdjRibOut => Type != BmpPeerType.LocRib && (Flags & BmpPeerFlags.AdjRibOut) != 0;

    /// <summary>The A flag: AS_PATHs in this peer's UPDATEs carry 2-octet ASNs.</summary>
    public bool HasTwoOctetAsPath => Type != BmpPeerType.LocRib && (Flags & BmpPeerFlags.TwoOctetAsPath) != 0;

    /// <summary>RFC 9069 §4.2: a Loc-RIB that is filtered (not the router's whole Loc-RIB).</summary>
    public bool IsLocRibFiltered => Type == BmpPeerType.LocRib && ((byte)Flags & 0x80) != 0;

    /// <summary>The table this header's routes come from.</summary>
    public BmpRib Rib => Type == BmpPeerType.LocRib ? BmpRib.LocRib : (IsAdjRibOut, IsPostPolicy) switch
    {
        (false, false) => BmpRib.AdjRibInPrePolicy,
        (false, true) => BmpRib.AdjRibInPostPolicy,
        (true, false) => BmpRib.AdjRibOutPrePolicy,
        (true, true) => BmpRib.AdjRibOutPostPolicy,
    };

    public override string ToString() => $"{Address} AS{Asn} ({Rib})";
}
