using System.Runtime.CompilerServices;
using System.Buffers.Binary;
using Grid.Bgp.Messages;
using Grid.Bgp.Model;

namespace Grid.Bgp.Attributes;

/// <summary>
/// Walks a path attribute block (RFC 4271 §4.3: flags, type code, 1- or 2-octet length, value)
/// and hands each attribute to its AttrNN decoder. Damage is handled the way RFC 7606 asks of a
/// receiver and real collectors need: a duplicate attribute is ignored (§3 g), a value of the wrong
/// length is read as far as it goes and noted, and an attribute that overruns the block ends the
/// walk but keeps what came before (bgpdump does the same). Attribute flags other than Extended
/// Length are not checked: BIRD writes well-known attributes with flags 0x00 into MRT RIBs.
/// </summary>
public static class PathAttributeDecoder
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Decode(ReadOnlySpan<byte> encoded, in BgpDecodeContext context, PathAttributes into)
    {
        ArgumentNullException.ThrowIfNull(into);
        ReadOnlySpan<byte> data = into.Reset(encoded, context);
        var position = 0;
        while (position < data.Length)
        {
            var rest = data.Length - position;
            var flags = data[position];
            var headerLength = (flags & (byte)PathAttributeFlags.ExtendedLength) != 0 ? 4 : 3;
            if (rest < headerLength)
            {
                into.AddProblem($"the last attribute header is cut off after {rest} of {headerLength} octets (RFC 7606 §4)");
                break;
            }
            var type = data[position + 1];
            var length = headerLength == 4 ? BinaryPrimitives.ReadUInt16BigEndian(data[(position + 2)..]) : data[position + 2];
            var valueOffset = position + headerLength;
            if (length > data.Length - valueOffset)
            {
                into.AddProblem($"attribute type {type} claims {length} octets but only {data.Length - valueOffset} remain (RFC 7606 §4)");
                break;
            }
            position = valueOffset + length;

            if (type < 64)
            {
                var bit = 1UL << type;
                if ((into.Present & bit) != 0)
                {
                    into.AddProblem($"attribute type {type} appears more than once; the first is kept (RFC 7606 §3 g)");
                    continue;
                }
                into.Present |= bit;
            }
            DecodeOne(flags, type, data.Slice(valueOffset, length), new OctetRange(valueOffset, length), into);
        }
        Attr17As4Path.Reconstruct(into);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DecodeOne(byte flags, byte type, ReadOnlySpan<byte> value, OctetRange range, PathAttributes into)
    {
        switch ((PathAttributeType)type)
        {
            case PathAttributeType.Origin: Attr01Origin.Decode(value, into); break;
            case PathAttributeType.AsPath: Attr02AsPath.Decode(value, range, into); break;
            case PathAttributeType.NextHop: Attr03NextHop.Decode(value, into); break;
            case PathAttributeType.MultiExitDisc: Attr04MultiExitDisc.Decode(value, into); break;
            case PathAttributeType.LocalPref: Attr05LocalPref.Decode(value, into); break;
            case PathAttributeType.AtomicAggregate: Attr06AtomicAggregate.Decode(value, into); break;
            case PathAttributeType.Aggregator: Attr07Aggregator.Decode(value, into); break;
            case PathAttributeType.Communities: Attr08Communities.Decode(value, range, into); break;
            case PathAttributeType.OriginatorId: Attr09OriginatorId.Decode(value, into); break;
            case PathAttributeType.ClusterList: Attr10ClusterList.Decode(value, range, into); break;
            case PathAttributeType.MpReachNlri: Attr14MpReachNlri.Decode(value, range.Offset, into); break;
            case PathAttributeType.MpUnreachNlri: Attr15MpUnreachNlri.Decode(value, range.Offset, into); break;
            case PathAttributeType.ExtendedCommunities: Attr16ExtendedCommunities.Decode(value, range, into); break;
            case PathAttributeType.As4Path: Attr17As4Path.Decode(value, range, into); break;
            case PathAttributeType.As4Aggregator: Attr18As4Aggregator.Decode(value, into); break;
            case PathAttributeType.LargeCommunities: Attr32LargeCommunities.Decode(value, range, into); break;
            default: into.AddUnknown(flags, type, range); break;
        }
    }
}
