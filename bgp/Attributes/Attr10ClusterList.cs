using Grid.Bgp.Model;

namespace Grid.Bgp.Attributes;

/// <summary>CLUSTER_LIST (type 10, RFC 4456 §8): the route reflection clusters a route passed, 4 octets each.</summary>
internal static class Attr10ClusterList
{
    public static void Decode(ReadOnlySpan<byte> value, OctetRange range, PathAttributes into) =>
        into.ClusterListRange = LenientValue.List(value, range, 4, into, "CLUSTER_LIST", "RFC 7606 §7.10");
}
