using System.Net;
using Grid.Bgp.Bmp.Model;
using Grid.Bgp.Messages;
using Grid.Bgp.Model;
using static Grid.Testing.Mrt.WireBytes;

namespace Grid.Bgp.Tests.Bmp;

/// <summary>Builds BMP messages field by field as RFC 7854 §4 lays them out.</summary>
internal static class BmpBytes
{
    public const uint Seconds = 1_700_000_000;

    /// <summary>A whole message: version 3, 4-octet length counting the 6-octet header, type (RFC 7854 §4.1).</summary>
    public static byte[] Message(BmpMessageType type, params byte[][] body)
    {
        var content = Join(body);
        return Join([3], U32((uint)(6 + content.Length)), [(byte)type], content);
    }

    /// <summary>The 42-octet per-peer header (RFC 7854 §4.2); an IPv4 address goes in the last 4 of its 16 octets.</summary>
    public static byte[] PeerHeader(string address, uint asn, BmpPeerFlags flags = BmpPeerFlags.None, uint seconds = Seconds,
        uint microseconds = 0, BmpPeerType type = BmpPeerType.GlobalInstance, ulong distinguisher = 0, string bgpId = "192.0.2.1")
    {
        var ipv6 = address.Contains(':', StringComparison.Ordinal);
        return Join([(byte)type, (byte)(flags | (ipv6 ? BmpPeerFlags.IPv6 : 0))], U32((uint)(distinguisher >> 32)), U32((uint)distinguisher),
            Address16(address), U32(asn), Address(bgpId), U32(seconds), U32(microseconds));
    }

    public static byte[] Address16(string address)
    {
        var octets = Address(address);
        return octets.Length == 16 ? octets : Join(new byte[12], octets);
    }

    public static byte[] RouteMonitoring(byte[] peerHeader, byte[] updateBody) =>
        Message(BmpMessageType.RouteMonitoring, peerHeader, Grid.Testing.Mrt.WireBytes.Message(BgpMessageType.Update, updateBody));

    public static byte[] PeerUp(byte[] peerHeader, string localAddress, BgpOpen sent, BgpOpen received, params byte[][] tlvs) =>
        Message(BmpMessageType.PeerUp, peerHeader, Address16(localAddress), U16(179), U16(40_000), sent.Encode(), received.Encode(), Join(tlvs));

    public static byte[] PeerDown(byte[] peerHeader, BmpPeerDownReason reason, byte[] data) =>
        Message(BmpMessageType.PeerDown, peerHeader, [(byte)reason], data);

    public static byte[] Tlv(ushort type, byte[] value) => Join(U16(type), U16(value.Length), value);

    public static byte[] Tlv(ushort type, string value) => Tlv(type, System.Text.Encoding.UTF8.GetBytes(value));

    public static byte[] Statistics(byte[] peerHeader, params byte[][] stats) =>
        Message(BmpMessageType.StatisticsReport, peerHeader, U32((uint)stats.Length), Join(stats));

    public static byte[] U64(ulong value) => Join(U32((uint)(value >> 32)), U32((uint)value));

    /// <summary>An UPDATE body announcing IPv4 <paramref name="prefixes"/> with ORIGIN, AS_PATH and NEXT_HOP.</summary>
    public static byte[] Announce(uint[] path, int asnSize = 4, params string[] prefixes) => UpdateBody([], Join(
        Attribute(0x40, PathAttributeType.Origin, 0),
        Attribute(0x40, PathAttributeType.AsPath, Sequence(asnSize, path)),
        Attribute(0x40, PathAttributeType.NextHop, Address("198.51.100.1"))), Nlri(prefixes));

    /// <summary>An UPDATE body announcing IPv6 <paramref name="prefixes"/> in MP_REACH_NLRI (RFC 4760 §3).</summary>
    public static byte[] AnnounceIPv6(uint[] path, params string[] prefixes)
    {
        var nextHop = Address("2001:db8:ffff::1");
        var reach = Join(U16(2), [1, (byte)nextHop.Length], nextHop, [0], Nlri(prefixes));
        return UpdateBody([], Join(
            Attribute(0x40, PathAttributeType.Origin, 0),
            Attribute(0x40, PathAttributeType.AsPath, Sequence(4, path)),
            Attribute(0x80, PathAttributeType.MpReachNlri, reach)), []);
    }

    /// <summary>An UPDATE body withdrawing IPv6 <paramref name="prefixes"/> in MP_UNREACH_NLRI (RFC 4760 §4).</summary>
    public static byte[] WithdrawIPv6(params string[] prefixes) =>
        UpdateBody([], Attribute(0x80, PathAttributeType.MpUnreachNlri, Join(U16(2), [1], Nlri(prefixes))), []);

    public static BgpOpen Open(uint asn, string bgpId, params BgpCapability[] capabilities) =>
        new(asn, 90, (uint)IPAddress.NetworkToHostOrder(BitConverter.ToInt32(Address(bgpId))), [BgpCapability.FourOctetAs(asn), .. capabilities]);
}
