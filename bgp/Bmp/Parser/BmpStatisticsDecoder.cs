using System.Buffers.Binary;
using Grid.Bgp.Bmp.Model;
using Grid.Bgp.Messages;
using Grid.Bgp.Model;

namespace Grid.Bgp.Bmp.Parser;

/// <summary>
/// Statistics Report (RFC 7854 §4.8): a 4-octet count, then Stat TLVs (2-octet type and length).
/// The value's shape follows from its length, so types defined after this code still read.
/// </summary>
internal static class BmpStatisticsDecoder
{
    public static BmpStatisticsReport Decode(BmpPeer peer, DateTimeOffset timestamp, ReadOnlySpan<byte> data)
    {
        if (data.Length < 4)
        {
            throw new BmpDecodeException("the Statistics Report ends before its Stats Count (RFC 7854 §4.8)");
        }
        var count = BinaryPrimitives.ReadUInt32BigEndian(data);
        var rest = data[4..];
        var statistics = new List<BmpStatistic>((int)Math.Min(count, 64));
        for (var i = 0u; i < count; i++)
        {
            if (rest.Length < 4)
            {
                throw new BmpDecodeException($"the Statistics Report announces {count} stats but ends after {i} (RFC 7854 §4.8)");
            }
            var type = (BmpStatisticType)BinaryPrimitives.ReadUInt16BigEndian(rest);
            var length = BinaryPrimitives.ReadUInt16BigEndian(rest[2..]);
            if (length > rest.Length - 4)
            {
                throw new BmpDecodeException($"stat type {(ushort)type} claims {length} octets but {rest.Length - 4} remain (RFC 7854 §4.8)");
            }
            var value = rest.Slice(4, length);
            switch (length)
            {
                case 4:
                    statistics.Add(new BmpStatistic(type, BinaryPrimitives.ReadUInt32BigEndian(value)));
                    break;
                case 8:
                    statistics.Add(new BmpStatistic(type, BinaryPrimitives.ReadUInt64BigEndian(value)));
                    break;
                case 11:
                    // AFI (2), SAFI (1), 64-bit gauge: types 9, 10, 16, 17 (RFC 7854 §4.8, RFC 8671 §5).
                    var family = new BgpFamily((Afi)BinaryPrimitives.ReadUInt16BigEndian(value), (Safi)value[2]);
                    statistics.Add(new BmpStatistic(type, BinaryPrimitives.ReadUInt64BigEndian(value[3..]), family));
                    break;
                default:
                    break;
            }
            rest = rest[(4 + length)..];
        }
        return new BmpStatisticsReport(peer, timestamp, statistics);
    }
}
