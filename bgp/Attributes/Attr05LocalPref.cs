using Grid.Bgp.Model;

namespace Grid.Bgp.Attributes;

/// <summary>LOCAL_PREF (type 5, RFC 4271 §5.1.5): a 4-octet preference (BIRD writes it with flags 0x00 in MRT RIBs).</summary>
internal static class Attr05LocalPref
{
    public static void Decode(ReadOnlySpan<byte> value, PathAttributes into) =>
        into.LocalPref = LenientValue.ReadFourOctets(value, into, "LOCAL_PREF", "RFC 7606 §7.5");
}
