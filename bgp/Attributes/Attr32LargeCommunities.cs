using Grid.Bgp.Model;

namespace Grid.Bgp.Attributes;

/// <summary>LARGE_COMMUNITY (type 32, RFC 8092 §3): a list of 12-octet communities.</summary>
internal static class Attr32LargeCommunities
{
    public static void Decode(ReadOnlySpan<byte> value, OctetRange range, PathAttributes into)
    {
        into.LargeCommunitiesRange = range;
        if (value.Length % 12 != 0)
        {
            into.AddProblem($"LARGE_COMMUNITY has {value.Length} octets, not a multiple of 12 (RFC 8092 §6)");
        }
    }
}
