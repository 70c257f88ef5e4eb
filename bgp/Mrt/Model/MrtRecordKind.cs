namespace Grid.Bgp.Mrt.Model;

/// <summary>A record's type and subtype, named the way RFC 6396 and bgpdump name them ("TABLE_DUMP_V2/RIB_IPV4_UNICAST").</summary>
public readonly record struct MrtRecordKind(ushort Type, ushort Subtype) : IComparable<MrtRecordKind>
{
    private static readonly string[] Bgp4mpSubtypes =
    [
        "STATE_CHANGE", "MESSAGE", "ENTRY", "SNAPSHOT", "MESSAGE_AS4", "STATE_CHANGE_AS4", "MESSAGE_LOCAL",
        "MESSAGE_AS4_LOCAL", "MESSAGE_ADDPATH", "MESSAGE_AS4_ADDPATH", "MESSAGE_LOCAL_ADDPATH", "MESSAGE_AS4_LOCAL_ADDPATH",
    ];

    private static readonly string[] TableDumpV2Subtypes =
    [
        "", "PEER_INDEX_TABLE", "RIB_IPV4_UNICAST", "RIB_IPV4_MULTICAST", "RIB_IPV6_UNICAST", "RIB_IPV6_MULTICAST",
        "RIB_GENERIC", "GEO_PEER_TABLE", "RIB_IPV4_UNICAST_ADDPATH", "RIB_IPV4_MULTICAST_ADDPATH",
        "RIB_IPV6_UNICAST_ADDPATH", "RIB_IPV6_MULTICAST_ADDPATH", "RIB_GENERIC_ADDPATH",
    ];

    public string TypeName => (MrtType)Type switch
    {
        MrtType.TableDump => "TABLE_DUMP",
        MrtType.TableDumpV2 => "TABLE_DUMP_V2",
        MrtType.Bgp4mp => "BGP4MP",
        MrtType.Bgp4mpEt => "BGP4MP_ET",
        MrtType.Bgp => "BGP",
        MrtType.Ospf2 => "OSPFv2",
        MrtType.Ospf3 => "OSPFv3",
        MrtType.Ospf3Et => "OSPFv3_ET",
        MrtType.Isis => "ISIS",
        MrtType.IsisEt => "ISIS_ET",
        _ => $"type {Type}",
    };

    public string SubtypeName => (MrtType)Type switch
    {
        MrtType.TableDump when Subtype is 1 or 2 => Subtype == 1 ? "AFI_IPv4" : "AFI_IPv6",
        MrtType.TableDumpV2 when Subtype is > 0 and < 13 => TableDumpV2Subtypes[Subtype],
        MrtType.Bgp4mp or MrtType.Bgp4mpEt when Subtype < 12 => Bgp4mpSubtypes[Subtype],
        _ => Subtype.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public string Name => $"{TypeName}/{SubtypeName}";

    public int CompareTo(MrtRecordKind other) => Type != other.Type ? Type.CompareTo(other.Type) : Subtype.CompareTo(other.Subtype);

    public override string ToString() => Name;
}
