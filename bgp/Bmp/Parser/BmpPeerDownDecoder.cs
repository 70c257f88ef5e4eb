using System.Buffers.Binary;
using Grid.Bgp.Bmp.Model;
using Grid.Bgp.Messages;
using Grid.Bgp.Model;

namespace Grid.Bgp.Bmp.Parser;

/// <summary>Peer Down Notification (RFC 7854 §4.9): a reason octet, then the data that reason carries.</summary>
internal static class BmpPeerDownDecoder
{
    public static BmpPeerDown Decode(BmpPeer peer, DateTimeOffset timestamp, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            throw new BmpDecodeException("the Peer Down ends before its reason (RFC 7854 §4.9)");
        }
        var reason = (BmpPeerDownReason)data[0];
        var rest = data[1..];
        BgpNotification? notification = null;
        ushort? fsmEvent = null;
        switch (reason)
        {
            case BmpPeerDownReason.LocalNotification or BmpPeerDownReason.RemoteNotification:
                var body = BgpMessageFraming.Decode(rest, out var header);
                if (header.Type != BgpMessageType.Notification)
                {
                    throw new BmpDecodeException($"Peer Down reason {reason} carries a {header.Type} message, not a NOTIFICATION (RFC 7854 §4.9)");
                }
                notification = BgpNotification.Decode(body);
                break;
            case BmpPeerDownReason.LocalNoNotification:
                if (rest.Length < 2)
                {
                    throw new BmpDecodeException("Peer Down reason 2 lacks its 2-octet FSM event code (RFC 7854 §4.9)");
                }
                fsmEvent = BinaryPrimitives.ReadUInt16BigEndian(rest);
                break;
            default:
                // 4 and 5 carry nothing, 6 TLVs (RFC 9069 §5.4); unknown reasons are reported as they are.
                break;
        }
        return new BmpPeerDown(peer, timestamp, reason, notification, fsmEvent);
    }
}
