using System.Buffers.Binary;
using Grid.Bgp.Bmp.Model;
using Grid.Bgp.Messages;
using Grid.Bgp.Model;

namespace Grid.Bgp.Bmp.Parser;

/// <summary>
/// Peer Up Notification (RFC 7854 §4.10): local address (16), local port (2), remote port (2),
/// the OPEN the router sent, the OPEN it received (whole BGP messages, each framed by its own
/// length), then Information TLVs.
/// </summary>
internal static class BmpPeerUpDecoder
{
    private const int FixedLength = 16 + 2 + 2;

    public static BmpPeerUp Decode(BmpPeer peer, DateTimeOffset timestamp, ReadOnlySpan<byte> data)
    {
        if (data.Length < FixedLength)
        {
            throw new BmpDecodeException($"the Peer Up has {data.Length} octets after its per-peer header, too few for local address and ports (RFC 7854 §4.10)");
        }
        var local = PerPeerHeaderDecoder.ReadAddress(data[..16], peer.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6);
        var localPort = BinaryPrimitives.ReadUInt16BigEndian(data[16..]);
        var remotePort = BinaryPrimitives.ReadUInt16BigEndian(data[18..]);
        var rest = data[FixedLength..];
        var sent = ReadOpen(ref rest, "sent");
        var received = ReadOpen(ref rest, "received");
        var information = BmpInformationDecoder.Decode(rest);

        BgpSession? session = null;
        string? problem = null;
        try
        {
            // The router is "ours": its receive side of ADD-PATH is what the peer's UPDATEs carry.
            session = BgpSessionNegotiation.Negotiate(sent, received);
        }
        catch (BgpMessageError e)
        {
            problem = e.Message;
        }
        return new BmpPeerUp(peer, timestamp, local.ToIPAddress(), localPort, remotePort, sent, received, session, information)
        {
            SessionProblem = problem,
        };
    }

    private static BgpOpen ReadOpen(ref ReadOnlySpan<byte> rest, string which)
    {
        if (rest.Length < BgpMessageHeader.Size)
        {
            throw new BmpDecodeException($"the Peer Up ends before its {which} OPEN ({rest.Length} octets left) (RFC 7854 §4.10)");
        }
        var length = BinaryPrimitives.ReadUInt16BigEndian(rest[16..]);
        if (length > rest.Length)
        {
            throw new BmpDecodeException($"the {which} OPEN claims {length} octets but {rest.Length} remain in the Peer Up (RFC 7854 §4.10)");
        }
        var body = BgpMessageFraming.Decode(rest, out var header);
        if (header.Type != BgpMessageType.Open)
        {
            throw new BmpDecodeException($"the Peer Up's {which} OPEN is a {header.Type} message (RFC 7854 §4.10)");
        }
        var open = BgpOpen.Decode(body);
        rest = rest[header.Length..];
        return open;
    }
}
