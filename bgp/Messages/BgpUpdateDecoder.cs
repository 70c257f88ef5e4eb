using System.Runtime.CompilerServices;
using System.Buffers.Binary;
using Grid.Bgp.Attributes;
using Grid.Bgp.Model;

namespace Grid.Bgp.Messages;

/// <summary>
/// Decodes the body of an UPDATE message (RFC 4271 §4.3, everything after the 19-octet header):
/// Withdrawn Routes Length and routes, Total Path Attribute Length and attributes, then NLRI. The
/// same decoder serves MRT, live BGP sessions and BMP route monitoring; the session facts the
/// wire does not carry (AS width, ADD-PATH) come in the <see cref="BgpDecodeContext"/>.
/// A length field that overruns the message is clamped to what is there and noted, so a
/// damaged message still yields the routes it holds.
/// </summary>
public static class BgpUpdateDecoder
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Decode(ReadOnlySpan<byte> body, in BgpDecodeContext context, BgpUpdate into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var data = into.Reset(body, context);

        var withdrawnLength = data.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(data) : 0;
        var position = Math.Min(2, data.Length);
        if (data.Length < 2)
        {
            into.AddProblem($"the UPDATE has {data.Length} octets, too few for the Withdrawn Routes Length (RFC 4271 §6.3)");
        }
        var withdrawn = Math.Min(withdrawnLength, data.Length - position);
        if (withdrawn < withdrawnLength)
        {
            into.AddProblem($"Withdrawn Routes Length {withdrawnLength} overruns the message ({withdrawn} octets remain) (RFC 7606 §5.3)");
        }
        into.WithdrawnRange = new OctetRange(position, withdrawn);
        position += withdrawn;

        var attributesLength = data.Length - position >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(data[position..]) : 0;
        if (data.Length - position < 2 && data.Length >= 2)
        {
            into.AddProblem("the UPDATE ends before its Total Path Attribute Length (RFC 4271 §6.3)");
        }
        position = Math.Min(position + 2, data.Length);
        var attributes = Math.Min(attributesLength, data.Length - position);
        if (attributes < attributesLength)
        {
            into.AddProblem($"Total Path Attribute Length {attributesLength} overruns the message ({attributes} octets remain) (RFC 7606 §5.3)");
        }
        PathAttributeDecoder.Decode(data.Slice(position, attributes), context, into.Attributes);
        position += attributes;

        into.NlriRange = new OctetRange(position, data.Length - position);
    }
}
