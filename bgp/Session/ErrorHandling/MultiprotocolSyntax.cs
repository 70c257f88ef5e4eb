using System.Buffers.Binary;
using Grid.Bgp.Messages;
using Grid.Bgp.Model;

namespace Grid.Bgp.Session.ErrorHandling;

/// <summary>MP_REACH_NLRI and MP_UNREACH_NLRI syntax (RFC 4760 §3–4). Their routes cannot be located when they are malformed, so the session resets (RFC 7606 §7.11).</summary>
internal static class MultiprotocolSyntax
{
    public static void CheckReach(ReadOnlySpan<byte> value, in BgpDecodeContext context, VerdictBuilder verdict)
    {
        // AFI 2, SAFI 1, next-hop length 1, next hop, reserved 1.
        if (value.Length < 5 || value.Length < 5 + value[3])
        {
            verdict.Reset(UpdateMessageErrorSubcode.OptionalAttributeError, $"MP_REACH_NLRI of {value.Length} octets is too short for its next hop (RFC 7606 §7.11)");
            return;
        }
        CheckNlri(value, value[(5 + value[3])..], context, "MP_REACH_NLRI", verdict);
    }

    public static void CheckUnreach(ReadOnlySpan<byte> value, in BgpDecodeContext context, VerdictBuilder verdict)
    {
        if (value.Length < 3)
        {
            verdict.Reset(UpdateMessageErrorSubcode.OptionalAttributeError, $"MP_UNREACH_NLRI of {value.Length} octets is too short for its AFI and SAFI (RFC 7606 §7.12)");
            return;
        }
        CheckNlri(value, value[3..], context, "MP_UNREACH_NLRI", verdict);
    }

    private static void CheckNlri(ReadOnlySpan<byte> value, ReadOnlySpan<byte> nlri, in BgpDecodeContext context, string name, VerdictBuilder verdict)
    {
        var afi = (Afi)BinaryPrimitives.ReadUInt16BigEndian(value);
        var safi = (Safi)value[2];
        // Only unicast IPv4 and IPv6 prefixes have a syntax Grid knows; other families are carried, not read.
        if (safi != Safi.Unicast || afi is not (Afi.IPv4 or Afi.IPv6))
        {
            return;
        }
        NlriSyntax.Check(nlri, afi == Afi.IPv4 ? 32 : 128, context.HasPathIds(afi, safi), name, verdict);
    }
}
