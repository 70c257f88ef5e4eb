using System.Runtime.CompilerServices;
using System.Buffers.Binary;
using Grid.Bgp.Model;

namespace Grid.Bgp.Attributes;

/// <summary>
/// MP_REACH_NLRI (type 14, RFC 4760 §3): AFI, SAFI, next hop, a reserved octet, then NLRI.
/// In MRT RIB entries RFC 6396 §4.3.4 abbreviates it to the next-hop length and next hop, since
/// the entry already names the prefix; GoBGP nevertheless writes the full form there. The two are
/// told apart by the first octet: a next-hop length is never 0, an AFI's high octet always is.
/// </summary>
internal static class Attr14MpReachNlri
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Decode(ReadOnlySpan<byte> value, int valueOffset, PathAttributes into)
    {
        var context = into.Context;
        if (context.InRibEntry && !value.IsEmpty && value[0] != 0)
        {
            var declared = value[0];
            var present = Math.Min(declared, value.Length - 1);
            into.MpReachAfi = (ushort)context.RibAfi;
            into.MpReachSafi = (byte)context.RibSafi;
            into.MpReachIsAbbreviated = true;
            into.MpReachNextHopRange = new OctetRange(valueOffset + 1, present);
            if (present < declared)
            {
                into.AddProblem($"MP_REACH_NLRI's next hop is cut off ({present} of {declared} octets)");
            }
            return;
        }

        if (value.Length < 4)
        {
            into.AddProblem($"MP_REACH_NLRI has {value.Length} octets, too few for AFI, SAFI and next-hop length (RFC 7606 §7.11)");
            return;
        }
        into.MpReachAfi = BinaryPrimitives.ReadUInt16BigEndian(value);
        into.MpReachSafi = value[2];
        var nextHopLength = value[3];
        if (value.Length < 4 + nextHopLength)
        {
            into.MpReachNextHopRange = new OctetRange(valueOffset + 4, value.Length - 4);
            into.AddProblem($"MP_REACH_NLRI's {nextHopLength}-octet next hop overruns the attribute (RFC 7606 §7.11)");
            return;
        }
        into.MpReachNextHopRange = new OctetRange(valueOffset + 4, nextHopLength);

        // The reserved octet (the SNPA count of RFC 2858) is ignored; RIB entries may omit it and the NLRI.
        var nlriStart = 4 + nextHopLength + 1;
        if (nlriStart > value.Length && !context.InRibEntry)
        {
            into.AddProblem("MP_REACH_NLRI ends before its reserved octet (RFC 4760 §3)");
        }
        into.MpReachNlriRange = nlriStart >= value.Length
            ? new OctetRange(valueOffset + value.Length, 0)
            : new OctetRange(valueOffset + nlriStart, value.Length - nlriStart);
    }
}
