using System.Buffers.Binary;
using Grid.Bgp.Messages;
using Grid.Bgp.Model;

namespace Grid.Bgp.Session.ErrorHandling;

/// <summary>
/// Walks the path attributes of a live UPDATE and applies, per attribute, the handling RFC 7606 §7
/// (and RFC 6793 §6, RFC 8092 §6 for the attributes they define) prescribes for it.
/// </summary>
internal static class AttributeWalk
{
    public static SeenAttributes Check(ReadOnlySpan<byte> attributes, in BgpDecodeContext context, bool externalPeer, VerdictBuilder verdict)
    {
        ulong present = 0;
        var position = 0;
        while (position < attributes.Length)
        {
            var flags = (PathAttributeFlags)attributes[position];
            var headerLength = flags.HasFlag(PathAttributeFlags.ExtendedLength) ? 4 : 3;
            if (attributes.Length - position < headerLength)
            {
                verdict.Withdraw($"the attribute header at octet {position} is cut off (RFC 7606 §4)");
                return new SeenAttributes(present, Overran: true);
            }
            var type = attributes[position + 1];
            int length = headerLength == 4 ? BinaryPrimitives.ReadUInt16BigEndian(attributes[(position + 2)..]) : attributes[position + 2];
            var valueStart = position + headerLength;
            if (length > attributes.Length - valueStart)
            {
                verdict.Withdraw($"attribute {type} claims {length} octets but {attributes.Length - valueStart} remain (RFC 7606 §4)");
                return new SeenAttributes(present, Overran: true);
            }
            var value = attributes.Slice(valueStart, length);
            position = valueStart + length;

            var bit = type < 64 ? 1UL << type : 0;
            if ((present & bit) != 0)
            {
                if (type is (byte)PathAttributeType.MpReachNlri or (byte)PathAttributeType.MpUnreachNlri)
                {
                    verdict.Reset(UpdateMessageErrorSubcode.MalformedAttributeList,
                        $"{(PathAttributeType)type} appears more than once (RFC 7606 §3 g)");
                    return new SeenAttributes(present, Overran: false);
                }
                verdict.Discard($"attribute {type} appears more than once; only the first counts (RFC 7606 §3 g)");
                continue;
            }
            present |= bit;
            AttributeRules.Check(flags, type, value, context, externalPeer, verdict);
            if (verdict.Resets)
            {
                break;
            }
        }
        return new SeenAttributes(present, Overran: false);
    }
}
