using System.Buffers.Binary;
using Grid.Bgp.Model;

namespace Grid.Bgp.Attributes;

/// <summary>MP_UNREACH_NLRI (type 15, RFC 4760 §4): AFI, SAFI and the withdrawn NLRI.</summary>
internal static class Attr15MpUnreachNlri
{
    public static void Decode(ReadOnlySpan<byte> value, int valueOffset, PathAttributes into)
    {
        if (value.Length < 3)
        {
            into.AddProblem($"MP_UNREACH_NLRI has {value.Length} octets, too few for AFI and SAFI (RFC 7606 §7.12)");
            return;
        }
        into.MpUnreachAfi = BinaryPrimitives.ReadUInt16BigEndian(value);
        into.MpUnreachSafi = value[2];
        into.MpUnreachNlriRange = new OctetRange(valueOffset + 3, value.Length - 3);
    }
}
