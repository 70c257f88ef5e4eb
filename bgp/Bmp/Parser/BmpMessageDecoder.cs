using Grid.Bgp.Bmp.Model;
using Grid.Bgp.Messages;
using Grid.Bgp.Model;

namespace Grid.Bgp.Bmp.Parser;

/// <summary>
/// Decodes one whole BMP message (common header included) into a <see cref="BmpMessage"/>, keeping
/// what a stream's later messages depend on: interned peers and each peer's session facts. A
/// malformed message becomes a <see cref="BmpMalformed"/>; Route Mirroring (RFC 7854 §4.7) and
/// types not known here are skipped (null).
/// </summary>
internal sealed class BmpMessageDecoder(TimeProvider clock)
{
    private readonly PerPeerHeaderDecoder _peers = new(clock);
    private readonly BmpSessionTable _sessions = new();
    private readonly BmpUpdateBuffer _update = new();

    public BmpMessage? Decode(ReadOnlySpan<byte> message, BmpCommonHeader header, long offset)
    {
        var body = message[BmpCommonHeader.Size..];
        try
        {
            BmpMessage? decoded = header.Type switch
            {
                BmpMessageType.RouteMonitoring => RouteMonitoring(body),
                BmpMessageType.StatisticsReport => BmpStatisticsDecoder.Decode(_peers.Read(body, out var time), time, body[PerPeerHeaderDecoder.Size..]),
                BmpMessageType.PeerDown => PeerDown(body),
                BmpMessageType.PeerUp => PeerUp(body),
                BmpMessageType.Initiation => BmpInformationDecoder.Initiation(body),
                BmpMessageType.Termination => BmpInformationDecoder.Termination(body),
                _ => null,
            };
            if (decoded is not null)
            {
                decoded.Offset = offset;
            }
            return decoded;
        }
        catch (Exception e) when (e is BmpDecodeException or BgpMessageError or ArgumentException)
        {
            return new BmpMalformed(header.Type, e.Message) { Offset = offset };
        }
    }

    /// <summary>RFC 7854 §4.6: the per-peer header, then one whole BGP UPDATE message.</summary>
    private BmpRouteMonitoring RouteMonitoring(ReadOnlySpan<byte> body)
    {
        var peer = _peers.Read(body, out var timestamp);
        var pdu = body[PerPeerHeaderDecoder.Size..];
        // Extended Messages (RFC 8654) may have been negotiated; the BMP length already bounds the UPDATE.
        var update = BgpMessageFraming.Decode(pdu, out var bgpHeader, extendedMessage: true);
        if (bgpHeader.Type != BgpMessageType.Update)
        {
            throw new BmpDecodeException($"Route Monitoring carries a {bgpHeader.Type} message; RFC 7854 §4.6 allows only an UPDATE");
        }
        var context = _sessions.ContextFor(peer);
        var decoded = _update.Next();
        BgpUpdateDecoder.Decode(update, context, decoded);
        if (decoded.HasProblems && !context.FourOctetAsn && !peer.HasTwoOctetAsPath)
        {
            // A 2-octet session, yet the A flag is clear, which RFC 7854 §4.2 says means 4-octet AS_PATHs
            // (a router may reformat them). FRR sends the session's 2-octet form without the flag, so
            // the session decides, unless its reading fails and the 4-octet one does not.
            var fourOctet = context with { FourOctetAsn = true };
            BgpUpdateDecoder.Decode(update, fourOctet, decoded);
            if (decoded.HasProblems)
            {
                BgpUpdateDecoder.Decode(update, context, decoded);
            }
            else
            {
                context = fourOctet;
            }
        }
        BgpFamily? endOfRib = decoded.IsEndOfRib(out var afi, out var safi) ? new BgpFamily(afi, safi) : null;
        return new BmpRouteMonitoring(peer, timestamp, endOfRib, context, _update);
    }

    private BmpPeerUp PeerUp(ReadOnlySpan<byte> body)
    {
        var peer = _peers.Read(body, out var timestamp);
        var up = BmpPeerUpDecoder.Decode(peer, timestamp, body[PerPeerHeaderDecoder.Size..]);
        _sessions.Up(peer, up.Session);
        return up;
    }

    private BmpPeerDown PeerDown(ReadOnlySpan<byte> body)
    {
        var peer = _peers.Read(body, out var timestamp);
        // The session is gone whether or not the rest of the message reads.
        _sessions.Down(peer);
        return BmpPeerDownDecoder.Decode(peer, timestamp, body[PerPeerHeaderDecoder.Size..]);
    }
}
