namespace Grid.Bgp.Messages;

/// <summary>Capability codes this codec understands (IANA "Capability Codes"; RFC 5492 §4).</summary>
public enum BgpCapabilityCode : byte
{
    /// <summary>RFC 4760 §8: AFI (2), reserved (1), SAFI (1).</summary>
    Multiprotocol = 1,
    /// <summary>RFC 2918 §2: no value.</summary>
    RouteRefresh = 2,
    /// <summary>RFC 8654 §3: no value.</summary>
    ExtendedMessage = 6,
    /// <summary>RFC 4724 §3: kept opaque here.</summary>
    GracefulRestart = 64,
    /// <summary>RFC 6793 §3: the speaker's 4-octet AS.</summary>
    FourOctetAs = 65,
    /// <summary>RFC 7911 §4: (AFI, SAFI, Send/Receive) entries.</summary>
    AddPath = 69,
    /// <summary>RFC 7313 §3: no value.</summary>
    EnhancedRouteRefresh = 70,
}
