using System.Runtime.CompilerServices;
using Grid.Bgp.Messages;
using Grid.Bgp.Model;
using Grid.Bgp.Mrt.Model;

namespace Grid.Bgp.Mrt.Parser;

/// <summary>
/// BGP4MP and BGP4MP_ET records (RFC 6396 §4.4): state changes and whole BGP messages, in the
/// 2-/4-octet ASN, _LOCAL and _ADDPATH variants (RFC 8050 §3). UPDATEs go to <see cref="BgpUpdateDecoder"/>.
/// </summary>
internal static class Bgp4mpDecoder
{
    public static bool IsMessage(ushort subtype) => subtype is 1 or (>= 4 and <= 11) && subtype != 5;

    public static bool IsStateChange(ushort subtype) => subtype is 0 or 5;

    /// <summary>MESSAGE and its variants (RFC 6396 §4.4.2-4.4.6). Returns why it is malformed, or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string? DecodeMessage(ushort subtype, ReadOnlySpan<byte> body, Bgp4mpMessage into)
    {
        var kind = (Bgp4mpSubtype)subtype;
        var asn4 = kind is Bgp4mpSubtype.MessageAs4 or Bgp4mpSubtype.MessageAs4Local or Bgp4mpSubtype.MessageAs4AddPath
            or Bgp4mpSubtype.MessageAs4LocalAddPath;
        into.FourOctetAsn = asn4;
        into.IsLocal = kind is Bgp4mpSubtype.MessageLocal or Bgp4mpSubtype.MessageAs4Local or Bgp4mpSubtype.MessageLocalAddPath
            or Bgp4mpSubtype.MessageAs4LocalAddPath;
        into.HasPathIds = kind >= Bgp4mpSubtype.MessageAddPath;

        var cursor = new RecordCursor(body);
        if (!cursor.TryAsn(asn4 ? 4 : 2, out var peerAsn) || !cursor.TryAsn(asn4 ? 4 : 2, out var localAsn)
            || !cursor.TryUInt16(out var interfaceIndex) || !cursor.TryUInt16(out var afi))
        {
            return "the peer and local AS, interface and AFI fields are cut off";
        }
        (into.PeerAsn, into.LocalAsn, into.InterfaceIndex) = (peerAsn, localAsn, interfaceIndex);

        ReadOnlySpan<byte> message;
        if (interfaceIndex == 0xFFFF && afi == 0xFFFF)
        {
            // Old Zebra wrote OPENs without interface and addresses: these four octets are the marker's start.
            (into.Afi, into.PeerAddress, into.LocalAddress) = (Afi.IPv4, IPAddressValue.IPv4(0), IPAddressValue.IPv4(0));
            into.InterfaceIndex = 0;
            message = body[(cursor.Position - 4)..];
        }
        else
        {
            if (afi is not (1 or 2))
            {
                return $"AFI {afi} is neither IPv4 nor IPv6";
            }
            into.Afi = (Afi)afi;
            if (!cursor.TryAddress(afi == 2, out var peerAddress) || !cursor.TryAddress(afi == 2, out var localAddress))
            {
                return "the peer and local addresses are cut off";
            }
            (into.PeerAddress, into.LocalAddress) = (peerAddress, localAddress);
            message = cursor.Rest;
        }

        if (!BgpMessageHeader.TryRead(message, out var header, out var headerError))
        {
            return headerError;
        }
        if (header.Length < BgpMessageHeader.Size)
        {
            return $"the BGP header's length {header.Length} is shorter than the header itself (RFC 4271 §6.1)";
        }
        into.MessageType = header.Type;
        into.MessageLength = header.Length;
        var available = message.Length - BgpMessageHeader.Size;
        var bodyLength = Math.Min(header.Length - BgpMessageHeader.Size, available);
        switch (header.Type)
        {
            case BgpMessageType.Update:
                var context = new BgpDecodeContext(asn4, into.HasPathIds ? AddPathFamilies.All : AddPathFamilies.None);
                BgpUpdateDecoder.Decode(message.Slice(BgpMessageHeader.Size, bodyLength), context, into.Update);
                if (bodyLength < header.Length - BgpMessageHeader.Size)
                {
                    into.Update.AddProblem($"the BGP message claims {header.Length} octets but the record holds {message.Length}");
                }
                return null;
            case BgpMessageType.Open or BgpMessageType.Notification or BgpMessageType.Keepalive or BgpMessageType.RouteRefresh:
                return null;
            default:
                return $"BGP message type {(byte)header.Type} is unknown (RFC 4271 §4.1)";
        }
    }

    /// <summary>STATE_CHANGE and STATE_CHANGE_AS4 (RFC 6396 §4.4.1, §4.4.4). Returns why it is malformed, or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string? DecodeStateChange(ushort subtype, ReadOnlySpan<byte> body, Bgp4mpStateChange into)
    {
        var asnSize = subtype == (ushort)Bgp4mpSubtype.StateChangeAs4 ? 4 : 2;
        var cursor = new RecordCursor(body);
        if (!cursor.TryAsn(asnSize, out var peerAsn) || !cursor.TryAsn(asnSize, out var localAsn))
        {
            return "the AS numbers are cut off";
        }
        (into.PeerAsn, into.LocalAsn) = (peerAsn, localAsn);
        ushort interfaceIndex = 0, afi = 1;
        IPAddressValue peerAddress = IPAddressValue.IPv4(0), localAddress = IPAddressValue.IPv4(0);

        // Old Zebra wrote 8-octet state changes: the two ASNs and the two states, nothing else.
        var zebraShortForm = body.Length == 8 && asnSize == 2;
        if (!zebraShortForm && (!cursor.TryUInt16(out interfaceIndex) || !cursor.TryUInt16(out afi)))
        {
            return "the interface and AFI fields are cut off";
        }
        if (afi is not (1 or 2))
        {
            return $"AFI {afi} is neither IPv4 nor IPv6";
        }
        if (!zebraShortForm && (!cursor.TryAddress(afi == 2, out peerAddress) || !cursor.TryAddress(afi == 2, out localAddress)))
        {
            return "the peer and local addresses are cut off";
        }
        if (!cursor.TryUInt16(out var oldState) || !cursor.TryUInt16(out var newState))
        {
            return "the old and new states are cut off";
        }
        (into.InterfaceIndex, into.Afi, into.PeerAddress, into.LocalAddress) = (interfaceIndex, (Afi)afi, peerAddress, localAddress);
        (into.OldState, into.NewState) = (oldState, newState);
        return null;
    }
}
