using System.Buffers.Binary;
using Grid.Bgp.Messages;
using Grid.Bgp.Model;

namespace Grid.Bgp.Mrt.Writing;

/// <summary>
/// Encodes one route element as a BGP UPDATE (RFC 4271 §4.3) with 4-octet AS numbers, as a
/// BGP4MP_MESSAGE_AS4 record carries it (RFC 6396 §4.4.3, RFC 6793 §4). IPv4 prefixes go in the
/// UPDATE's own withdrawn and NLRI fields; IPv6 prefixes in MP_REACH_NLRI and MP_UNREACH_NLRI
/// (RFC 4760 §3, §4). An element keeps only the origin AS, not the path, so an announcement's
/// AS_PATH is the one-AS sequence of its origin and its ORIGIN is INCOMPLETE: what Grid saw
/// (which peer, which prefix, from which origin, when), not a copy of the peer's attributes.
/// </summary>
public static class BgpUpdateEncoder
{
    private const byte WellKnownTransitive = 0x40;
    private const byte OptionalNonTransitive = 0x80;
    private const byte OriginIncomplete = 2;
    private const byte AsSequence = 2;

    public static byte[] Encode(RouteElement element)
    {
        var body = new List<byte>(64);
        var prefix = element.Prefix;
        var nlri = Nlri(prefix);
        var attributes = new List<byte>();
        if (element.Action == RouteAction.Withdraw)
        {
            if (prefix.IsIPv4)
            {
                AddUInt16(body, (ushort)nlri.Length);
                body.AddRange(nlri);
                AddUInt16(body, 0);
                return BgpMessageFraming.Encode(BgpMessageType.Update, [.. body]);
            }
            // MP_UNREACH_NLRI: AFI 2 (IPv6), SAFI 1 (unicast), the withdrawn prefixes.
            Attribute(attributes, OptionalNonTransitive, 15, [0, 2, 1, .. nlri]);
        }
        else
        {
            Attribute(attributes, WellKnownTransitive, 1, [OriginIncomplete]);
            var path = new byte[2 + (element.OriginAsn == 0 ? 0 : 4)];
            path[0] = AsSequence;
            path[1] = (byte)(element.OriginAsn == 0 ? 0 : 1);
            if (element.OriginAsn != 0)
            {
                BinaryPrimitives.WriteUInt32BigEndian(path.AsSpan(2), element.OriginAsn);
            }
            Attribute(attributes, WellKnownTransitive, 2, element.OriginAsn == 0 ? [] : path);
            if (prefix.IsIPv4)
            {
                Attribute(attributes, WellKnownTransitive, 3, NextHopIPv4(element));
            }
            else
            {
                // MP_REACH_NLRI: AFI 2, SAFI 1, a 16-octet next hop (the peer, IPv4-mapped when it is IPv4), reserved 0, NLRI.
                Attribute(attributes, OptionalNonTransitive, 14, [0, 2, 1, 16, .. NextHopIPv6(element), 0, .. nlri]);
            }
        }
        AddUInt16(body, 0);
        AddUInt16(body, (ushort)attributes.Count);
        body.AddRange(attributes);
        if (prefix.IsIPv4 && element.Action == RouteAction.Announce)
        {
            body.AddRange(nlri);
        }
        return BgpMessageFraming.Encode(BgpMessageType.Update, [.. body]);
    }

    /// <summary>Length in bits, then only the octets that hold them (RFC 4271 §4.3).</summary>
    private static byte[] Nlri(Prefix prefix)
    {
        Span<byte> address = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(address, prefix.Bits);
        var octets = (prefix.Length + 7) / 8;
        return [prefix.Length, .. address[..octets]];
    }

    private static void Attribute(List<byte> attributes, byte flags, byte type, byte[] value)
    {
        // Extended Length (RFC 4271 §4.3, flag 0x10) when the value needs two length octets.
        if (value.Length > 255)
        {
            attributes.AddRange([(byte)(flags | 0x10), type]);
            AddUInt16(attributes, (ushort)value.Length);
        }
        else
        {
            attributes.AddRange([flags, type, (byte)value.Length]);
        }
        attributes.AddRange(value);
    }

    private static byte[] NextHopIPv4(RouteElement element)
    {
        var bytes = element.PeerAddress.MapToIPv4().GetAddressBytes();
        return element.PeerAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? bytes : [0, 0, 0, 0];
    }

    private static byte[] NextHopIPv6(RouteElement element) =>
        element.PeerAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? element.PeerAddress.GetAddressBytes()
            : element.PeerAddress.MapToIPv6().GetAddressBytes();

    private static void AddUInt16(List<byte> bytes, ushort value) => bytes.AddRange([(byte)(value >> 8), (byte)value]);
}
