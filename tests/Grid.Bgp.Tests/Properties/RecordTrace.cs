using System.Security.Cryptography;
using Grid.Bgp.Model;
using Grid.Bgp.Mrt;
using Grid.Bgp.Mrt.Model;

namespace Grid.Bgp.Tests.Properties;

/// <summary>
/// What a reader made of each record of an uncompressed MRT stream, keyed by where the record
/// starts: its header, a hash of its body, the route elements it gave and any tolerated damage, or
/// the reason it was skipped. Two traces agree on a record when the reader treated it alike.
/// </summary>
internal sealed class RecordTrace
{
    private RecordTrace(Dictionary<long, string> records, int peerIndexTables)
    {
        Records = records;
        PeerIndexTables = peerIndexTables;
    }

    public IReadOnlyDictionary<long, string> Records { get; }

    /// <summary>How many PEER_INDEX_TABLEs decoded: RIB records read through whichever table came last.</summary>
    public int PeerIndexTables { get; }

    public static RecordTrace Of(byte[] octets)
    {
        var records = new Dictionary<long, string>();
        var peerIndexTables = 0;
        var extractor = new RouteElementExtractor();
        var elements = new List<RouteElement>();
        using var reader = new MrtReader(new MemoryStream(octets), new MrtReaderOptions { DecompressInBackground = false });
        MrtReadResult result;
        while ((result = reader.ReadNext()) != MrtReadResult.End)
        {
            if (result == MrtReadResult.Record)
            {
                var entry = reader.Current;
                peerIndexTables += entry.Kind == MrtEntryKind.PeerIndexTable ? 1 : 0;
                elements.Clear();
                extractor.Extract(entry, elements);
                records[entry.Header.Offset] = $"{entry.Kind} {entry.Header} {Convert.ToHexString(SHA256.HashData(entry.Body))} "
                    + string.Join(";", elements.Select(element => $"{element.PeerAddress} {element.PeerAsn} {element.Prefix} {element.Action} {element.OriginAsn}"));
            }
            else if (reader.LastError is { Kind: MrtErrorKind.MalformedRecord } skipped)
            {
                records[skipped.Offset] = $"skipped {skipped.Record}: {skipped.Reason}";
            }
            else if (reader.LastError is { Kind: MrtErrorKind.MalformedAttribute } damaged)
            {
                records[damaged.Offset] += $" | {damaged.Reason}";
            }
        }
        return new RecordTrace(records, peerIndexTables);
    }
}
