using Grid.Bgp.Model;

namespace Grid.Bgp.Attributes;

/// <summary>ORIGINATOR_ID (type 9, RFC 4456 §8): the router ID of a reflected route's originator.</summary>
internal static class Attr09OriginatorId
{
    public static void Decode(ReadOnlySpan<byte> value, PathAttributes into)
    {
        into.OriginatorIdValue = LenientValue.ReadUInt32(value);
        if (value.Length != 4)
        {
            into.AddProblem($"ORIGINATOR_ID has {value.Length} octets instead of 4 (RFC 7606 §7.9)");
        }
    }
}
