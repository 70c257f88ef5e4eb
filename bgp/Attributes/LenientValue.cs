using Grid.Bgp.Model;

namespace Grid.Bgp.Attributes;

/// <summary>
/// Reads fixed-size attribute values that arrived with the wrong length the way widely used
/// decoders do (bgpdump's mstream): the octets present, zero-filled to the expected size, extra
/// octets ignored. The decoders record the length problem; the route is kept.
/// </summary>
internal static class LenientValue
{
    public static uint ReadUInt32(ReadOnlySpan<byte> value)
    {
        uint result = 0;
        for (var i = 0; i < 4; i++)
        {
            result = (result << 8) | (i < value.Length ? value[i] : 0u);
        }
        return result;
    }

    public static uint ReadUInt16(ReadOnlySpan<byte> value) =>
        (uint)(((value.Length > 0 ? value[0] : 0) << 8) | (value.Length > 1 ? value[1] : 0));

    /// <summary>Reads an ASN of <paramref name="size"/> octets (2 or 4).</summary>
    public static uint ReadAsn(ReadOnlySpan<byte> value, int size) => size == 4 ? ReadUInt32(value) : ReadUInt16(value);

    /// <summary>A 4-octet attribute (NEXT_HOP, MULTI_EXIT_DISC, LOCAL_PREF, ORIGINATOR_ID): read as far as it goes; a wrong length is noted.</summary>
    public static uint ReadFourOctets(ReadOnlySpan<byte> value, PathAttributes into, string name, string rfcSection)
    {
        if (value.Length != 4)
        {
            into.AddProblem($"{name} has {value.Length} octets instead of 4 ({rfcSection})");
        }
        return ReadUInt32(value);
    }

    /// <summary>A list of <paramref name="itemSize"/>-octet items (communities, cluster IDs): kept whole; a ragged length is noted.</summary>
    public static OctetRange List(ReadOnlySpan<byte> value, OctetRange range, int itemSize, PathAttributes into, string name, string rfcSection)
    {
        if (value.Length % itemSize != 0)
        {
            into.AddProblem($"{name} has {value.Length} octets, not a multiple of {itemSize} ({rfcSection})");
        }
        return range;
    }

    public static ReadOnlySpan<byte> Skip(ReadOnlySpan<byte> value, int count) => count >= value.Length ? default : value[count..];
}
