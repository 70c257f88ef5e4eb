namespace Grid.Bgp.Mrt.Model;

/// <summary>MRT record types (RFC 6396 §4; the deprecated ones of Appendix B are recognised but not decoded).</summary>
public enum MrtType : ushort
{
    Null = 0,
    Start = 1,
    Die = 2,
    IAmDead = 3,
    PeerDown = 4,
    Bgp = 5,
    Rip = 6,
    Idrp = 7,
    RipNg = 8,
    Bgp4Plus = 9,
    Bgp4Plus01 = 10,
    Ospf2 = 11,
    TableDump = 12,
    TableDumpV2 = 13,
    Bgp4mp = 16,
    Bgp4mpEt = 17,
    Isis = 32,
    IsisEt = 33,
    Ospf3 = 48,
    Ospf3Et = 49,
}

/// <summary>TABLE_DUMP_V2 subtypes (RFC 6396 §4.3, RFC 6397, RFC 8050 §4).</summary>
public enum TableDumpV2Subtype : ushort
{
    PeerIndexTable = 1,
    RibIPv4Unicast = 2,
    RibIPv4Multicast = 3,
    RibIPv6Unicast = 4,
    RibIPv6Multicast = 5,
    RibGeneric = 6,
    GeoPeerTable = 7,
    RibIPv4UnicastAddPath = 8,
    RibIPv4MulticastAddPath = 9,
    RibIPv6UnicastAddPath = 10,
    RibIPv6MulticastAddPath = 11,
    RibGenericAddPath = 12,
}

/// <summary>BGP4MP and BGP4MP_ET subtypes (RFC 6396 §4.4, RFC 8050 §3).</summary>
public enum Bgp4mpSubtype : ushort
{
    StateChange = 0,
    Message = 1,
    Entry = 2,
    Snapshot = 3,
    MessageAs4 = 4,
    StateChangeAs4 = 5,
    MessageLocal = 6,
    MessageAs4Local = 7,
    MessageAddPath = 8,
    MessageAs4AddPath = 9,
    MessageLocalAddPath = 10,
    MessageAs4LocalAddPath = 11,
}
