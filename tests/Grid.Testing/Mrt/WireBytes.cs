using System.Buffers.Binary;
using System.Net;
using Grid.Bgp.Model;

namespace Grid.Testing.Mrt;

/// <summary>
/// Builds BGP and MRT octets by hand, field by field as the RFCs lay them out, so a test states
/// exactly which bytes a writer put on disk (BIRD's zero flags, GoBGP's long next hop, …).
/// </summary>
public static class WireBytes
{
    public static byte[] U16(int value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)value);
        return bytes;
    }

    public static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    public static byte[] Join(params byte[][] parts) => [.. parts.SelectMany(part => part)];

    public static byte[] Address(string address) => IPAddress.Parse(address).GetAddressBytes();

    /// <summary>A path attribute: flags, type, 1-octet length (or 2 with the Extended Length flag 0x10), value (RFC 4271 §4.3).</summary>
    public static byte[] Attribute(byte flags, PathAttributeType type, params byte[] value) =>
        (flags & 0x10) != 0 ? Join([flags, (byte)type], U16(value.Length), value) : Join([flags, (byte)type, (byte)value.Length], value);

    /// <summary>An AS_PATH value: one segment per (type, ASNs), ASNs 2 or 4 octets wide.</summary>
    public static byte[] AsPath(int asnSize, params (AsPathSegmentType Type, uint[] Asns)[] segments) => Join(
        [.. segments.Select(segment => Join([(byte)segment.Type, (byte)segment.Asns.Length],
            Join([.. segment.Asns.Select(asn => asnSize == 4 ? U32(asn) : U16((int)asn))])))]);

    public static byte[] Sequence(int asnSize, params uint[] asns) => AsPath(asnSize, (AsPathSegmentType.AsSequence, asns));

    /// <summary>NLRI: each prefix as length then significant octets, preceded by a path ID when given (RFC 7911 §3).</summary>
    public static byte[] Nlri(params string[] prefixes) => Join([.. prefixes.Select(prefix => NlriEntry(prefix, null))]);

    public static byte[] NlriWithPathIds(params (uint PathId, string Prefix)[] prefixes) =>
        Join([.. prefixes.Select(entry => NlriEntry(entry.Prefix, entry.PathId))]);

    private static byte[] NlriEntry(string prefix, uint? pathId)
    {
        var parsed = Prefix.Parse(prefix);
        var octets = parsed.Address.GetAddressBytes()[..((parsed.Length + 7) / 8)];
        return Join(pathId is { } id ? U32(id) : [], [parsed.Length], octets);
    }

    /// <summary>The body of an UPDATE (RFC 4271 §4.3): withdrawn routes, path attributes, NLRI, each with its length.</summary>
    public static byte[] UpdateBody(byte[] withdrawn, byte[] attributes, byte[] nlri) =>
        Join(U16(withdrawn.Length), withdrawn, U16(attributes.Length), attributes, nlri);

    /// <summary>A whole BGP message: marker, length, type (RFC 4271 §4.1).</summary>
    public static byte[] Message(BgpMessageType type, byte[] body) =>
        Join(Enumerable.Repeat((byte)0xFF, 16).ToArray(), U16(19 + body.Length), [(byte)type], body);

    /// <summary>An MRT record: timestamp, type, subtype, length, body (RFC 6396 §2); _ET types get the microseconds first (§3).</summary>
    public static byte[] Record(uint timestamp, ushort type, ushort subtype, byte[] body, uint? microseconds = null) =>
        microseconds is { } micro
            ? Join(U32(timestamp), U16(type), U16(subtype), U32((uint)body.Length + 4), U32(micro), body)
            : Join(U32(timestamp), U16(type), U16(subtype), U32((uint)body.Length), body);

    /// <summary>A BGP4MP MESSAGE_AS4-style body: peer AS, local AS, interface, AFI, peer and local IP, message (RFC 6396 §4.4.3).</summary>
    public static byte[] Bgp4mpMessage(int asnSize, uint peerAs, uint localAs, string peerIp, string localIp, byte[] message)
    {
        var ipv6 = peerIp.Contains(':', StringComparison.Ordinal);
        return Join(asnSize == 4 ? U32(peerAs) : U16((int)peerAs), asnSize == 4 ? U32(localAs) : U16((int)localAs),
            U16(0), U16(ipv6 ? 2 : 1), Address(peerIp), Address(localIp), message);
    }

    /// <summary>A PEER_INDEX_TABLE body (RFC 6396 §4.3.1) with 4-octet ASNs.</summary>
    public static byte[] PeerIndexTable(params (string Address, uint Asn)[] peers) => Join(
        Address("192.0.2.254"), U16(0), U16(peers.Length),
        Join([.. peers.Select(peer => Join([(byte)((peer.Address.Contains(':', StringComparison.Ordinal) ? 1 : 0) | 2)],
            Address("192.0.2.1"), Address(peer.Address), U32(peer.Asn)))]));

    /// <summary>A RIB_IPV4/IPV6_UNICAST body (RFC 6396 §4.3.2): sequence, prefix, entries of peer index, time, [path ID,] attributes.</summary>
    public static byte[] Rib(uint sequence, string prefix, params (ushort PeerIndex, uint? PathId, byte[] Attributes)[] entries) => Join(
        U32(sequence), Nlri(prefix), U16(entries.Length),
        Join([.. entries.Select(entry => Join(U16(entry.PeerIndex), U32(1_700_000_000),
            entry.PathId is { } id ? U32(id) : [], U16(entry.Attributes.Length), entry.Attributes))]));
}
