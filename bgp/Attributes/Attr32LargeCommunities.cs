using Grid.Bgp.Model;

namespace Grid.Bgp.Attributes;

/// <summary>LARGE_COMMUNITY (type 32, RFC 8092 §3): a list of 12-octet communities.</summary>
internal static class Attr32LargeCommunities
{
    public static void Decode(ReadOnlySpan<byte> value, OctetRange range, PathAttributes into) =>
        into.LargeCommunitiesRange = LenientValue.List(value, range, 12, into, "LARGE_COMMUNITY", "RFC 8092 §6");
}
