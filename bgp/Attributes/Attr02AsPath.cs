using System.Runtime.CompilerServices;
using Grid.Bgp.Model;

namespace Grid.Bgp.Attributes;

/// <summary>
/// AS_PATH (type 2, RFC 4271 §4.3 and §5.1.2): segments of ASNs, 2 octets wide on old sessions
/// and 4 octets once both speakers are AS4-capable (RFC 6793 §4.1). FRR writes it with the
/// Extended Length flag even when short, which changes nothing here.
/// </summary>
internal static class Attr02AsPath
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Decode(ReadOnlySpan<byte> value, OctetRange range, PathAttributes into)
    {
        into.AsPathRange = range;
        if (!new AsPath(value, into.Context.AsnSize).IsWellFormed)
        {
            into.AddProblem("AS_PATH has a segment of unknown type or one that overruns the attribute (RFC 7606 §7.2)");
        }
    }
}
