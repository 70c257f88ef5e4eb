using Grid.Bgp.Model;

namespace Grid.Bgp.Attributes;

/// <summary>COMMUNITIES (type 8, RFC 1997): a list of 4-octet communities.</summary>
internal static class Attr08Communities
{
    public static void Decode(ReadOnlySpan<byte> value, OctetRange range, PathAttributes into) =>
        into.CommunitiesRange = LenientValue.List(value, range, 4, into, "COMMUNITIES", "RFC 7606 §7.8");
}
