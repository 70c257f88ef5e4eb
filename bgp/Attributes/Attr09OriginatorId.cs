using Grid.Bgp.Model;

namespace Grid.Bgp.Attributes;

/// <summary>ORIGINATOR_ID (type 9, RFC 4456 §8): the router ID of a reflected route's originator.</summary>
internal static class Attr09OriginatorId
{
    public static void Decode(ReadOnlySpan<byte> value, PathAttributes into) =>
        into.OriginatorIdValue = LenientValue.ReadFourOctets(value, into, "ORIGINATOR_ID", "RFC 7606 §7.9");
}
