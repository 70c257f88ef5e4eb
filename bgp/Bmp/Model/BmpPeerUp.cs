using System.Net;
using Grid.Bgp.Messages;

namespace Grid.Bgp.Bmp.Model;

/// <summary>
/// A monitored session came up (RFC 7854 §4.10). <see cref="SentOpen"/> is what the monitored
/// router sent to the peer, <see cref="ReceivedOpen"/> what the peer sent; <see cref="Session"/> is
/// what they negotiated, seen from the router: its <see cref="BgpSession.DecodeContext"/> reads the
/// peer's UPDATEs (Adj-RIB-In), its <see cref="BgpSession.EncodeContext"/> the router's (Adj-RIB-Out).
/// </summary>
/// <param name="Peer">The per-peer header.</param>
/// <param name="Timestamp">When the session came up (the header's time; the read time when it is 0).</param>
/// <param name="LocalAddress">The router's end of the session.</param>
/// <param name="LocalPort">The router's TCP port.</param>
/// <param name="RemotePort">The peer's TCP port.</param>
/// <param name="SentOpen">The OPEN the router sent.</param>
/// <param name="ReceivedOpen">The OPEN the peer sent.</param>
/// <param name="Session">The negotiated facts; null when the two OPENs do not negotiate (see <see cref="SessionProblem"/>).</param>
/// <param name="Information">Information TLVs after the OPENs (RFC 7854 §4.10, RFC 9069 §5.3).</param>
public sealed record BmpPeerUp(
    BmpPeer Peer,
    DateTimeOffset Timestamp,
    IPAddress LocalAddress,
    ushort LocalPort,
    ushort RemotePort,
    BgpOpen SentOpen,
    BgpOpen ReceivedOpen,
    BgpSession? Session,
    IReadOnlyList<BmpInformation> Information) : BmpMessage
{
    public override BmpMessageType Type => BmpMessageType.PeerUp;

    /// <summary>Why the OPENs did not negotiate; the peer's routes are then read with 4-octet ASNs and no ADD-PATH.</summary>
    public string? SessionProblem { get; init; }
}
