using System.Runtime.CompilerServices;
using System.Text;
using Grid.Bgp.Attributes;
using Grid.Bgp.Messages;
using Grid.Bgp.Model;
using Grid.Bgp.Mrt.Model;

namespace Grid.Bgp.Mrt.Parser;

/// <summary>TABLE_DUMP_V2 (RFC 6396 §4.3): the peer index table and RIB records, with ADD-PATH (RFC 8050 §4).</summary>
internal static class TableDumpV2Decoder
{
    /// <summary>PEER_INDEX_TABLE (RFC 6396 §4.3.1). Returns why it is malformed, or null.</summary>
    public static string? DecodePeerIndexTable(ReadOnlySpan<byte> body, out PeerIndexTable? table)
    {
        table = null;
        var cursor = new RecordCursor(body);
        if (!cursor.TryAddress(ipv6: false, out var collectorId) || !cursor.TryUInt16(out var viewNameLength)
            || !cursor.TryBytes(viewNameLength, out var viewName) || !cursor.TryUInt16(out var peerCount))
        {
            return "the table's header (collector BGP ID, view name, peer count) is cut off";
        }
        var peers = new MrtPeer[peerCount];
        for (var i = 0; i < peerCount; i++)
        {
            // Peer Type bit 0: IPv6 address; bit 1: 4-octet AS number.
            if (!cursor.TryUInt8(out var peerType) || !cursor.TryAddress(ipv6: false, out var bgpId)
                || !cursor.TryAddress((peerType & 1) != 0, out var address) || !cursor.TryAsn((peerType & 2) != 0 ? 4 : 2, out var asn))
            {
                return $"peer entry {i} of {peerCount} is cut off";
            }
            peers[i] = new MrtPeer(address, asn, bgpId, (peerType & 2) != 0);
        }
        table = new PeerIndexTable(collectorId, Encoding.UTF8.GetString(viewName), peers);
        return null;
    }

    /// <summary>
    /// RIB_IPV4/IPV6_UNICAST/MULTICAST and RIB_GENERIC, plain or _ADDPATH (RFC 6396 §4.3.2-4.3.4).
    /// Attributes in RIB entries always use 4-octet ASNs (§4.3.4). Returns why it is malformed, or
    /// null; <paramref name="otherFamily"/> is set for a RIB_GENERIC of a family other than IP prefixes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string? DecodeRib(ushort subtype, ReadOnlySpan<byte> body, PeerIndexTable? peerTable, RibRecord into, out bool otherFamily)
    {
        otherFamily = false;
        var kind = (TableDumpV2Subtype)subtype;
        var addPath = kind >= TableDumpV2Subtype.RibIPv4UnicastAddPath;
        var generic = kind is TableDumpV2Subtype.RibGeneric or TableDumpV2Subtype.RibGenericAddPath;
        var cursor = new RecordCursor(body);
        into.Reset();
        into.IsTableDumpV1 = false;
        into.HasPathIds = addPath;
        into.View = 0;
        into.Status = 0;

        if (!cursor.TryUInt32(out var sequence))
        {
            return "the sequence number is cut off";
        }
        into.Sequence = sequence;
        Afi afi;
        Safi safi;
        if (generic)
        {
            if (!cursor.TryUInt16(out var afiCode) || !cursor.TryUInt8(out var safiCode))
            {
                return "RIB_GENERIC's AFI and SAFI are cut off";
            }
            (afi, safi) = ((Afi)afiCode, (Safi)safiCode);
            if (afi is not (Afi.IPv4 or Afi.IPv6) || safi is not (Safi.Unicast or Safi.Multicast or Safi.UnicastAndMulticast))
            {
                otherFamily = true;
                return null;
            }
        }
        else
        {
            afi = kind is TableDumpV2Subtype.RibIPv4Unicast or TableDumpV2Subtype.RibIPv4Multicast
                or TableDumpV2Subtype.RibIPv4UnicastAddPath or TableDumpV2Subtype.RibIPv4MulticastAddPath ? Afi.IPv4 : Afi.IPv6;
            safi = kind is TableDumpV2Subtype.RibIPv4Multicast or TableDumpV2Subtype.RibIPv6Multicast
                or TableDumpV2Subtype.RibIPv4MulticastAddPath or TableDumpV2Subtype.RibIPv6MulticastAddPath ? Safi.Multicast : Safi.Unicast;
        }
        into.Afi = afi;
        into.Safi = safi;

        // The prefix is NLRI-encoded (RFC 6396 §4.3.2); ADD-PATH identifiers sit in the entries, not here (RFC 8050 §4).
        var prefixReader = new NlriReader(cursor.Rest, afi == Afi.IPv4, addPath: false);
        if (!prefixReader.TryRead(out var prefix))
        {
            return $"the prefix is malformed: {prefixReader.Error ?? "missing"}";
        }
        into.Prefix = prefix;
        cursor.TryBytes(1 + ((prefix.Length + 7) >> 3), out _);

        if (!cursor.TryUInt16(out var entryCount))
        {
            return "the entry count is cut off";
        }
        if (entryCount > 0 && peerTable is null)
        {
            return "a RIB record comes before any PEER_INDEX_TABLE, so its peers cannot be named (RFC 6396 §4.3.1)";
        }
        var context = new BgpDecodeContext(FourOctetAsn: true, addPath ? AddPathFamilies.All : AddPathFamilies.None)
        {
            InRibEntry = true,
            RibAfi = afi,
            RibSafi = safi,
        };
        for (var i = 0; i < entryCount; i++)
        {
            if (!cursor.TryUInt16(out var peerIndex) || !cursor.TryUInt32(out var originated))
            {
                return $"RIB entry {i} of {entryCount} is cut off";
            }
            var pathId = 0u;
            if ((addPath && !cursor.TryUInt32(out pathId)) || !cursor.TryUInt16(out var attributeLength)
                || !cursor.TryBytes(attributeLength, out var attributes))
            {
                return $"RIB entry {i} of {entryCount} is cut off";
            }
            if (peerIndex >= peerTable!.Peers.Count)
            {
                return $"RIB entry {i} names peer {peerIndex}, but the PEER_INDEX_TABLE has {peerTable.Peers.Count} peers";
            }
            var route = into.AddRoute();
            route.PeerIndex = peerIndex;
            route.Peer = peerTable.Peers[peerIndex];
            route.OriginatedTime = originated;
            route.PathId = pathId;
            PathAttributeDecoder.Decode(attributes, context, route.Attributes);
        }
        return null;
    }
}
