using Grid.Bgp.Model;

namespace Grid.Bgp.Messages;

/// <summary>
/// What two OPENs agreed (RFC 4271 §4.2, RFC 5492 §3): the facts every later message on the
/// session is read and written with. Built by <see cref="BgpSessionNegotiation.Negotiate"/>.
/// </summary>
public sealed record BgpSession(
    uint PeerAs,
    uint PeerBgpIdentifier,
    ushort HoldTime,
    bool FourOctetAs,
    bool ExtendedMessage,
    bool RouteRefresh,
    IReadOnlyList<BgpFamily> Families,
    AddPathFamilies AddPathReceive,
    AddPathFamilies AddPathSend)
{
    /// <summary>RFC 4271 §4.4: a third of the hold time; 0 (no KEEPALIVEs) when the hold time is 0.</summary>
    public TimeSpan KeepaliveInterval => TimeSpan.FromSeconds(HoldTime / 3);

    /// <summary>The largest message either side may send (RFC 8654 §4).</summary>
    public int MaxMessageLength => BgpMessageFraming.MaxLengthFor(ExtendedMessage);

    /// <summary>How to decode the peer's UPDATEs: AS width, and ADD-PATH where we receive paths.</summary>
    public BgpDecodeContext DecodeContext => new(FourOctetAs, AddPathReceive);

    /// <summary>How our UPDATEs are laid out: ADD-PATH where we send paths.</summary>
    public BgpDecodeContext EncodeContext => new(FourOctetAs, AddPathSend);

    public bool Carries(Afi afi, Safi safi) => Families.Contains(new BgpFamily(afi, safi));
}
