namespace Grid.Bgp.Bmp.Model;

/// <summary>
/// The Peer Flags of the per-peer header for peer types 0-2 (RFC 7854 §4.2, O from RFC 8671 §4).
/// For Loc-RIB (RFC 9069 §4.2) the high bit means "filtered" instead; see <see cref="BmpPeer.IsLocRibFiltered"/>.
/// </summary>
[Flags]
public enum BmpPeerFlags : byte
{
    None = 0,

    /// <summary>O: Adj-RIB-Out, routes the router sends to the peer, rather than Adj-RIB-In (RFC 8671 §4).</summary>
    AdjRibOut = 0x10,

    /// <summary>A: the UPDATEs use the legacy 2-octet AS_PATH format (RFC 7854 §4.2).</summary>
    TwoOctetAsPath = 0x20,

    /// <summary>L: post-policy, routes after the router's policy, rather than pre-policy (RFC 7854 §4.2).</summary>
    PostPolicy = 0x40,

    /// <summary>V: the peer address is IPv6 (RFC 7854 §4.2).</summary>
    IPv6 = 0x80,
}
