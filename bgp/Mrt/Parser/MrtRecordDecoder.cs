using System.Runtime.CompilerServices;
using Grid.Bgp.Mrt.Model;

namespace Grid.Bgp.Mrt.Parser;

/// <summary>
/// Decodes one framed record into the reader's <see cref="MrtEntry"/>, by type and subtype, and
/// keeps the state that spans records: the PEER_INDEX_TABLE that later RIB records refer to.
/// </summary>
internal sealed class MrtRecordDecoder
{
    private readonly TableDumpDecoder _tableDump = new();

    public PeerIndexTable? PeerIndexTable { get; private set; }

    /// <summary>Returns why the record cannot be decoded, or null (the entry then holds it, or says Unsupported).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? Decode(in MrtHeader header, ReadOnlySpan<byte> body, MrtEntry entry)
    {
        entry.Header = header;
        entry.PeerIndexTable = PeerIndexTable;
        entry.Kind = MrtEntryKind.Unsupported;
        string? error = null;
        switch ((MrtType)header.Type)
        {
            case MrtType.TableDumpV2 when header.Subtype == (ushort)TableDumpV2Subtype.PeerIndexTable:
                error = TableDumpV2Decoder.DecodePeerIndexTable(body, out var table);
                if (table is not null)
                {
                    PeerIndexTable = entry.PeerIndexTable = table;
                    entry.Kind = MrtEntryKind.PeerIndexTable;
                }
                break;
            case MrtType.TableDumpV2 when header.Subtype is >= 2 and <= 12 and not 7:
                error = TableDumpV2Decoder.DecodeRib(header.Subtype, body, PeerIndexTable, entry.Rib, out var otherFamily);
                entry.Kind = error is null && !otherFamily ? MrtEntryKind.Rib : MrtEntryKind.Unsupported;
                break;
            case MrtType.TableDump when TableDumpDecoder.IsDecodable(header.Subtype):
                error = _tableDump.Decode(header.Subtype, body, entry.Rib);
                entry.Kind = error is null ? MrtEntryKind.Rib : MrtEntryKind.Unsupported;
                break;
            case MrtType.Bgp4mp or MrtType.Bgp4mpEt when Bgp4mpDecoder.IsMessage(header.Subtype):
                error = Bgp4mpDecoder.DecodeMessage(header.Subtype, body, entry.Message);
                entry.Kind = error is null ? MrtEntryKind.Bgp4mpMessage : MrtEntryKind.Unsupported;
                break;
            case MrtType.Bgp4mp or MrtType.Bgp4mpEt when Bgp4mpDecoder.IsStateChange(header.Subtype):
                error = Bgp4mpDecoder.DecodeStateChange(header.Subtype, body, entry.StateChange);
                entry.Kind = error is null ? MrtEntryKind.Bgp4mpStateChange : MrtEntryKind.Unsupported;
                break;
        }
        return error;
    }
}
