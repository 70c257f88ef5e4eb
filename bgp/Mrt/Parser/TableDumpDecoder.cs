using System.Runtime.CompilerServices;
using Grid.Bgp.Attributes;
using Grid.Bgp.Messages;
using Grid.Bgp.Model;
using Grid.Bgp.Mrt.Model;

namespace Grid.Bgp.Mrt.Parser;

/// <summary>
/// TABLE_DUMP, the first RIB format (RFC 6396 §4.2): one route per record, the peer named in the
/// record itself. Subtypes 1 (IPv4) and 2 (IPv6) carry 2-octet ASNs; the unofficial 3 and 4 that
/// some writers used carry 4-octet ones. Peers are interned so routes share one <see cref="MrtPeer"/>.
/// </summary>
internal sealed class TableDumpDecoder
{
    private const int MaxInternedPeers = 65536;
    private readonly Dictionary<(IPAddressValue Address, uint Asn), MrtPeer> _peers = [];

    public static bool IsDecodable(ushort subtype) => subtype is >= 1 and <= 4;

    /// <summary>Returns why the record is malformed, or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? Decode(ushort subtype, ReadOnlySpan<byte> body, RibRecord into)
    {
        var ipv6 = subtype is 2 or 4;
        var asnSize = subtype is 3 or 4 ? 4 : 2;
        var cursor = new RecordCursor(body);
        into.Reset();
        into.IsTableDumpV1 = true;
        into.HasPathIds = false;
        into.Afi = ipv6 ? Afi.IPv6 : Afi.IPv4;
        into.Safi = Safi.Unicast;

        if (!cursor.TryUInt16(out var view) || !cursor.TryUInt16(out var sequence) || !cursor.TryAddress(ipv6, out var prefix)
            || !cursor.TryUInt8(out var prefixLength) || !cursor.TryUInt8(out var status) || !cursor.TryUInt32(out var originated)
            || !cursor.TryAddress(ipv6, out var peerAddress) || !cursor.TryAsn(asnSize, out var peerAsn)
            || !cursor.TryUInt16(out var attributeLength) || !cursor.TryBytes(attributeLength, out var attributes))
        {
            return "the record is shorter than its fields (RFC 6396 §4.2)";
        }
        into.View = view;
        into.Sequence = sequence;
        into.Status = status;
        into.Prefix = new NlriPrefix(prefix.Bits, prefixLength, !ipv6, 0);

        var route = into.AddRoute();
        route.PeerIndex = 0;
        route.Peer = Intern(peerAddress, peerAsn, asnSize == 4);
        route.OriginatedTime = originated;
        route.PathId = 0;
        var context = new BgpDecodeContext(FourOctetAsn: asnSize == 4) { InRibEntry = true, RibAfi = into.Afi, RibSafi = Safi.Unicast };
        PathAttributeDecoder.Decode(attributes, context, route.Attributes);
        return null;
    }

    private MrtPeer Intern(IPAddressValue address, uint asn, bool fourOctetAsn)
    {
        if (_peers.TryGetValue((address, asn), out var peer))
        {
            return peer;
        }
        if (_peers.Count >= MaxInternedPeers)
        {
            _peers.Clear();
        }
        return _peers[(address, asn)] = new MrtPeer(address, asn, fourOctetAsn: fourOctetAsn);
    }
}
