using System.Buffers.Binary;

namespace Grid.Testing.Lab;

/// <summary>
/// The 12-byte common header of one MRT record (RFC 6396 §2): enough for the lab to tell when a
/// daemon has finished writing a dump and what kinds of records it wrote, without decoding any
/// BGP. Decoding is Grid.Bgp's job; the lab must not depend on the code it helps to test.
/// </summary>
public readonly record struct MrtRecordHeader(long Offset, uint Timestamp, ushort Type, ushort Subtype, uint Length)
{
    public const int Size = 12;
    public const ushort TableDumpV2 = 13;
    public const ushort Bgp4mp = 16;
    public const ushort PeerIndexTable = 1;

    public long End => Offset + Size + Length;

    /// <summary>A TABLE_DUMP_V2 RIB record (subtypes 2-6 and their ADD-PATH variants 8-12, RFC 6396 §4.3, RFC 8050).</summary>
    public bool IsRibEntry => Type == TableDumpV2 && Subtype != PeerIndexTable;

    public bool IsPeerIndexTable => Type == TableDumpV2 && Subtype == PeerIndexTable;

    /// <summary>"TABLE_DUMP_V2/RIB_IPV4_UNICAST", "BGP4MP/MESSAGE_AS4", ... for reports and assertions.</summary>
    public string Name => (Type, Subtype) switch
    {
        (TableDumpV2, 1) => "TABLE_DUMP_V2/PEER_INDEX_TABLE",
        (TableDumpV2, 2) => "TABLE_DUMP_V2/RIB_IPV4_UNICAST",
        (TableDumpV2, 4) => "TABLE_DUMP_V2/RIB_IPV6_UNICAST",
        (Bgp4mp, 0) => "BGP4MP/STATE_CHANGE",
        (Bgp4mp, 1) => "BGP4MP/MESSAGE",
        (Bgp4mp, 4) => "BGP4MP/MESSAGE_AS4",
        (Bgp4mp, 5) => "BGP4MP/STATE_CHANGE_AS4",
        _ => $"{Type}/{Subtype}",
    };

    /// <summary>
    /// The headers of every complete record in <paramref name="path"/>. A record still being
    /// written (its length points past the end of the file) ends the list: daemons append while
    /// the lab reads.
    /// </summary>
    public static List<MrtRecordHeader> ReadAll(string path)
    {
        var headers = new List<MrtRecordHeader>();
        if (!File.Exists(path))
        {
            return headers;
        }
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        Span<byte> bytes = stackalloc byte[Size];
        var offset = 0L;
        while (offset + Size <= file.Length)
        {
            file.Position = offset;
            file.ReadExactly(bytes);
            var header = new MrtRecordHeader(
                offset,
                BinaryPrimitives.ReadUInt32BigEndian(bytes),
                BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]),
                BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]),
                BinaryPrimitives.ReadUInt32BigEndian(bytes[8..]));
            if (header.End > file.Length)
            {
                break;
            }
            headers.Add(header);
            offset = header.End;
        }
        return headers;
    }

    /// <summary>How many records of each kind <paramref name="path"/> holds, e.g. "BGP4MP/MESSAGE_AS4" → 124.</summary>
    public static SortedDictionary<string, int> CountByName(string path)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var header in ReadAll(path))
        {
            counts[header.Name] = counts.GetValueOrDefault(header.Name) + 1;
        }
        return counts;
    }
}
