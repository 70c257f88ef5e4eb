using Grid.Bgp.Model;

namespace Grid.Bgp.Attributes;

/// <summary>EXTENDED COMMUNITIES (type 16, RFC 4360 §2): a list of 8-octet communities.</summary>
internal static class Attr16ExtendedCommunities
{
    public static void Decode(ReadOnlySpan<byte> value, OctetRange range, PathAttributes into)
    {
        into.ExtendedCommunitiesRange = range;
        if (value.Length % 8 != 0)
        {
            into.AddProblem($"EXTENDED COMMUNITIES has {value.Length} octets, not a multiple of 8 (RFC 7606 §7.14)");
        }
    }
}
