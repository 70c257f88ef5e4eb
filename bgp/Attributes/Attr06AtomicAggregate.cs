using Grid.Bgp.Model;

namespace Grid.Bgp.Attributes;

/// <summary>ATOMIC_AGGREGATE (type 6, RFC 4271 §5.1.6): presence only, no value.</summary>
internal static class Attr06AtomicAggregate
{
    public static void Decode(ReadOnlySpan<byte> value, PathAttributes into)
    {
        if (!value.IsEmpty)
        {
            into.AddProblem($"ATOMIC_AGGREGATE has {value.Length} octets instead of 0 (RFC 7606 §7.6)");
        }
    }
}
