using System.Buffers.Binary;
using Grid.Bgp.Bmp.Model;

namespace Grid.Bgp.Bmp.Parser;

/// <summary>Information TLVs (RFC 7854 §4.4): 2-octet type, 2-octet length, value; unknown types are kept, not refused.</summary>
internal static class BmpInformationDecoder
{
    public static List<BmpInformation> Decode(ReadOnlySpan<byte> data)
    {
        var tlvs = new List<BmpInformation>();
        while (!data.IsEmpty)
        {
            if (data.Length < 4)
            {
                throw new BmpDecodeException($"an Information TLV is cut off after {data.Length} octets of its 4-octet type and length (RFC 7854 §4.4)");
            }
            var type = BinaryPrimitives.ReadUInt16BigEndian(data);
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
            if (length > data.Length - 4)
            {
                throw new BmpDecodeException($"Information TLV type {type} claims {length} octets but {data.Length - 4} remain (RFC 7854 §4.4)");
            }
            tlvs.Add(new BmpInformation(type, data.Slice(4, length).ToArray()));
            data = data[(4 + length)..];
        }
        return tlvs;
    }

    public static BmpInitiation Initiation(ReadOnlySpan<byte> body)
    {
        var tlvs = Decode(body);
        return new BmpInitiation(
            tlvs.FirstOrDefault(tlv => tlv.InformationType == BmpInformation.SysName)?.Text,
            tlvs.FirstOrDefault(tlv => tlv.InformationType == BmpInformation.SysDescr)?.Text,
            tlvs);
    }

    public static BmpTermination Termination(ReadOnlySpan<byte> body)
    {
        var tlvs = Decode(body);
        BmpTerminationReason? reason = null;
        if (tlvs.FirstOrDefault(tlv => tlv.InformationType == BmpInformation.TerminationReason) is { } reasonTlv)
        {
            if (reasonTlv.Value.Length != 2)
            {
                throw new BmpDecodeException($"the Termination reason TLV has {reasonTlv.Value.Length} octets; RFC 7854 §4.5 gives it 2");
            }
            reason = (BmpTerminationReason)BinaryPrimitives.ReadUInt16BigEndian(reasonTlv.Value);
        }
        var text = string.Join("; ", tlvs.Where(tlv => tlv.InformationType == BmpInformation.String).Select(tlv => tlv.Text));
        return new BmpTermination(reason, text, tlvs);
    }
}
