using Grid.Bgp.Model;

namespace Grid.Bgp.Attributes;

/// <summary>
/// NEXT_HOP (type 3, RFC 4271 §5.1.3): the IPv4 next hop of the UPDATE's own NLRI. BIRD writes it
/// (and LOCAL_PREF) into MRT RIB entries with attribute flags 0x00, not the well-known 0x40; flags
/// are not checked, so such entries decode.
/// </summary>
internal static class Attr03NextHop
{
    public static void Decode(ReadOnlySpan<byte> value, PathAttributes into) =>
        into.NextHopValue = LenientValue.ReadFourOctets(value, into, "NEXT_HOP", "RFC 7606 §7.3");
}
