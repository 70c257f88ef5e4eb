using System.Buffers.Binary;
using System.IO.Compression;
using Grid.Bgp.Mrt;
using Grid.Bgp.Mrt.Model;

namespace Grid.Bench.Benchmarks;

/// <summary>
/// MRT inputs at the scale Grid is held to, made of real records from ../shared when the lab's
/// BIRD/GoBGP dumps are not at hand: a RIB of 1,000,000 single-route records (one peer per record,
/// as BIRD writes them), cut from RouteViews' 2014 RIB, and 1.4 million BGP4MP records, FRR's update
/// dump repeated. Each in plain and gzip form. Written once to the temporary folder.
/// </summary>
public static class MrtBenchmarkFiles
{
    private const int RibRecords = 1_000_000;
    private const int UpdateRepetitions = 1172;

    public static IReadOnlyList<string> Create(string sharedDirectory)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "grid-bench-mrt")).FullName;
        var rib = Path.Combine(folder, "rib-1m-routes.mrt");
        var updates = Path.Combine(folder, "updates-1.4m-records.mrt");
        if (!File.Exists(rib))
        {
            WriteSingleRouteRib(Path.Combine(sharedDirectory, "data", "mrt", "pyasn.rib.20140523.0600_firstMB.complete-records.mrt.gz"), rib);
        }
        if (!File.Exists(updates))
        {
            var once = File.ReadAllBytes(Path.Combine(sharedDirectory, "lab", "bgp-lab", "frr-updates.mrt"));
            using var output = File.Create(updates);
            for (var i = 0; i < UpdateRepetitions; i++)
            {
                output.Write(once);
            }
        }
        return [rib, Gzipped(rib), updates, Gzipped(updates)];
    }

    private static void WriteSingleRouteRib(string source, string destination)
    {
        using var output = new BufferedStream(File.Create(destination), 1 << 20);
        using var reader = MrtReader.Open(source);
        var written = 0;
        var routes = new List<byte[]>();
        while (reader.Read())
        {
            var entry = reader.Current;
            if (entry.Kind == MrtEntryKind.PeerIndexTable)
            {
                WriteRecord(output, entry.Header, entry.Body);
                continue;
            }
            if (entry.Kind != MrtEntryKind.Rib)
            {
                continue;
            }
            // Body: sequence, prefix (length and octets), entry count, then the entries (RFC 6396 §4.3.2).
            var prefixEnd = 4 + 1 + ((entry.Body[4] + 7) / 8);
            foreach (var route in entry.Rib.Routes)
            {
                var attributes = route.Attributes.Encoded;
                var body = new byte[prefixEnd + 2 + 8 + attributes.Length];
                entry.Body[..prefixEnd].CopyTo(body);
                BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(prefixEnd), 1);
                BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(prefixEnd + 2), (ushort)route.PeerIndex);
                BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(prefixEnd + 4), route.OriginatedTime);
                BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(prefixEnd + 8), (ushort)attributes.Length);
                attributes.CopyTo(body.AsSpan(prefixEnd + 10));
                routes.Add([.. Header(entry.Header, body.Length), .. body]);
            }
        }
        while (written < RibRecords)
        {
            foreach (var record in routes.Take(RibRecords - written))
            {
                output.Write(record);
                written++;
            }
        }
    }

    private static void WriteRecord(Stream output, MrtHeader header, ReadOnlySpan<byte> body)
    {
        output.Write(Header(header, body.Length));
        output.Write(body);
    }

    private static byte[] Header(MrtHeader header, int length)
    {
        var bytes = new byte[MrtHeader.Size];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, header.Timestamp);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), header.Type);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(6), header.Subtype);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8), (uint)length);
        return bytes;
    }

    private static string Gzipped(string plain)
    {
        var gzipped = plain + ".gz";
        if (!File.Exists(gzipped))
        {
            using var input = File.OpenRead(plain);
            using var output = new GZipStream(File.Create(gzipped), CompressionLevel.Fastest);
            input.CopyTo(output);
        }
        return gzipped;
    }
}
