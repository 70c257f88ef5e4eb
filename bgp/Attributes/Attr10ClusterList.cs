using Grid.Bgp.Model;

namespace Grid.Bgp.Attributes;

/// <summary>CLUSTER_LIST (type 10, RFC 4456 §8): the route reflection clusters a route passed, 4 octets each.</summary>
internal static class Attr10ClusterList
{
    public static void Decode(ReadOnlySpan<byte> value, OctetRange range, PathAttributes into)
    {
        into.ClusterListRange = range;
        if (value.Length % 4 != 0)
        {
            into.AddProblem($"CLUSTER_LIST has {value.Length} octets, not a multiple of 4 (RFC 7606 §7.10)");
        }
    }
}
