using Grid.Bgp.Model;

namespace Grid.Bgp.Attributes;

/// <summary>EXTENDED COMMUNITIES (type 16, RFC 4360 §2): a list of 8-octet communities.</summary>
internal static class Attr16ExtendedCommunities
{
    public static void Decode(ReadOnlySpan<byte> value, OctetRange range, PathAttributes into) =>
        into.ExtendedCommunitiesRange = LenientValue.List(value, range, 8, into, "EXTENDED COMMUNITIES", "RFC 7606 §7.14");
}
