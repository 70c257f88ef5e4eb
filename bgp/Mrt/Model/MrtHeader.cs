namespace Grid.Bgp.Mrt.Model;

/// <summary>
/// The MRT common header (RFC 6396 §2), plus the microsecond field of the _ET types (§3), and
/// where the record starts in the uncompressed stream.
/// </summary>
/// <param name="Timestamp">Seconds since the Unix epoch.</param>
/// <param name="Microseconds">The _ET types' microsecond timestamp; 0 for the others.</param>
/// <param name="Type">The record type.</param>
/// <param name="Subtype">The record subtype.</param>
/// <param name="Length">The body length, without the common header and (for _ET) without the microsecond field.</param>
/// <param name="Offset">Where the record's header starts, in octets from the start of the uncompressed stream.</param>
public readonly record struct MrtHeader(uint Timestamp, uint Microseconds, ushort Type, ushort Subtype, int Length, long Offset)
{
    public const int Size = 12;

    public MrtRecordKind Kind => new(Type, Subtype);

    /// <summary>True for the extended-timestamp types (BGP4MP_ET, ISIS_ET, OSPFv3_ET; RFC 6396 §3).</summary>
    public bool HasExtendedTimestamp => IsExtendedTimestampType(Type);

    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeSeconds(Timestamp).AddTicks(Microseconds * 10L);

    public static bool IsExtendedTimestampType(ushort type) => (MrtType)type is MrtType.Bgp4mpEt or MrtType.IsisEt or MrtType.Ospf3Et;

    /// <summary>True for the types RFC 6396 defines, current or deprecated: a first record of another type means the input is not MRT.</summary>
    public static bool IsKnownType(ushort type) => type <= 13 || type is 16 or 17 or 32 or 33 or 48 or 49;
}
