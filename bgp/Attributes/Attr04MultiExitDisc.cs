using Grid.Bgp.Model;

namespace Grid.Bgp.Attributes;

/// <summary>MULTI_EXIT_DISC (type 4, RFC 4271 §5.1.4): a 4-octet metric.</summary>
internal static class Attr04MultiExitDisc
{
    public static void Decode(ReadOnlySpan<byte> value, PathAttributes into) =>
        into.MultiExitDisc = LenientValue.ReadFourOctets(value, into, "MULTI_EXIT_DISC", "RFC 7606 §7.4");
}
