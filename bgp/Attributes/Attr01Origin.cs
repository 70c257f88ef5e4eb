using Grid.Bgp.Model;

namespace Grid.Bgp.Attributes;

/// <summary>ORIGIN (type 1, RFC 4271 §4.3 and §5.1.1): one octet, IGP, EGP or INCOMPLETE.</summary>
internal static class Attr01Origin
{
    public static void Decode(ReadOnlySpan<byte> value, PathAttributes into)
    {
        into.Origin = (Origin)(value.IsEmpty ? 0 : value[0]);
        if (value.Length != 1)
        {
            into.AddProblem($"ORIGIN has {value.Length} octets instead of 1 (RFC 7606 §7.1)");
        }
    }
}
