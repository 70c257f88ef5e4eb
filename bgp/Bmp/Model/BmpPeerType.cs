namespace Grid.Bgp.Bmp.Model;

/// <summary>The Peer Type of the per-peer header (RFC 7854 §4.2; Loc-RIB from RFC 9069 §4.1).</summary>
public enum BmpPeerType : byte
{
    /// <summary>A peer of the router's global routing instance.</summary>
    GlobalInstance = 0,

    /// <summary>A peer of an RD (VRF) instance; the Peer Distinguisher is the RD.</summary>
    RdInstance = 1,

    /// <summary>A peer of a locally defined instance; the Peer Distinguisher is chosen locally.</summary>
    LocalInstance = 2,

    /// <summary>Not a peer: the router's own Loc-RIB (RFC 9069).</summary>
    LocRib = 3,
}
