using System.Runtime.CompilerServices;
using System.Buffers.Binary;
using Grid.Bgp.Model;

namespace Grid.Cli.Mrt;

/// <summary>bgpdump 1.6's text for AS paths and communities, including its limits and markers.</summary>
internal static class BgpdumpAttributeText
{
    /// <summary>bgpdump builds AS paths in an 8000-octet buffer and stops with "..." past 7900.</summary>
    private const int AsPathLimit = 7900;

    /// <summary>bgpdump builds the community list in a BUFSIZ (8192) buffer, leading space included.</summary>
    private const int CommunityBufferSize = 8192;

    /// <summary>
    /// An AS path: sequences space-separated, sets as {a,b}, confederation sequences as (a b) and sets
    /// as [a,b] (RFC 5065); a malformed path as "! Error !". Empty when AS_PATH is absent.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AsPath(Utf8Output output, PathAttributes attributes, BgpdumpAs4Merge merge)
    {
        if (!attributes.Has(PathAttributeType.AsPath))
        {
            return;
        }
        var path = merge.PathToPrint(attributes);
        var encoded = path.Encoded;
        var asnSize = path.AsnSize;
        var start = output.Position;
        var previous = AsPathSegmentType.AsSequence;
        var space = false;
        while (!encoded.IsEmpty)
        {
            if (encoded.Length < 2 || encoded[0] is 0 or > 4 || encoded.Length < 2 + encoded[1] * asnSize)
            {
                output.Rewind(start);
                output.Write("! Error !"u8);
                return;
            }
            var type = (AsPathSegmentType)encoded[0];
            var count = encoded[1];
            if (previous != AsPathSegmentType.AsSequence)
            {
                output.Write(Delimiter(previous, end: true));
            }
            if (space)
            {
                output.Write((byte)' ');
            }
            if (type != AsPathSegmentType.AsSequence)
            {
                output.Write(Delimiter(type, end: false));
            }
            space = false;
            var isSet = type is AsPathSegmentType.AsSet or AsPathSegmentType.AsConfedSet;
            for (var i = 0; i < count; i++)
            {
                if (space)
                {
                    output.Write(isSet ? (byte)',' : (byte)' ');
                }
                space = true;
                var asn = encoded.Slice(2 + i * asnSize, asnSize);
                output.Write(asnSize == 4 ? BinaryPrimitives.ReadUInt32BigEndian(asn) : BinaryPrimitives.ReadUInt16BigEndian(asn));
                if (output.Position - start > AsPathLimit)
                {
                    output.Write("..."u8);
                    return;
                }
            }
            previous = type;
            encoded = encoded[(2 + count * asnSize)..];
        }
        if (previous != AsPathSegmentType.AsSequence)
        {
            output.Write(Delimiter(previous, end: true));
        }
    }

    /// <summary>
    /// COMMUNITIES (RFC 1997) as "AS:value" separated by spaces, with the well-known no-export,
    /// no-advertise and local-AS (NO_EXPORT_SUBCONFED) by name; cut where bgpdump's buffer ends.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Communities(Utf8Output output, PathAttributes attributes)
    {
        // bgpdump builds " a:b c:d" and prints it without the leading space: count it, never write it.
        var length = 0;
        Span<byte> item = stackalloc byte[16];
        for (var i = 0; i < attributes.CommunityCount; i++)
        {
            var community = attributes.Community(i);
            scoped ReadOnlySpan<byte> text = community switch
            {
                0xFFFFFF01 => " no-export"u8,
                0xFFFFFF02 => " no-advertise"u8,
                0xFFFFFF03 => " local-AS"u8,
                _ => default,
            };
            int fits;
            if (!text.IsEmpty)
            {
                // strlcat appends a name only if it fits whole.
                fits = length + text.Length < CommunityBufferSize ? text.Length : 0;
            }
            else
            {
                item[0] = (byte)' ';
                System.Buffers.Text.Utf8Formatter.TryFormat(community >> 16, item[1..], out var high);
                item[1 + high] = (byte)':';
                System.Buffers.Text.Utf8Formatter.TryFormat(community & 0xFFFF, item[(2 + high)..], out var low);
                text = item[..(2 + high + low)];
                // snprintf appends what fits.
                fits = Math.Min(text.Length, CommunityBufferSize - 1 - length);
            }
            var skip = length == 0 ? 1 : 0;
            if (fits > skip)
            {
                output.Write(text[skip..fits]);
            }
            length += fits;
        }
    }

    private static byte Delimiter(AsPathSegmentType type, bool end) => type switch
    {
        AsPathSegmentType.AsSet => end ? (byte)'}' : (byte)'{',
        AsPathSegmentType.AsConfedSet => end ? (byte)']' : (byte)'[',
        AsPathSegmentType.AsConfedSequence => end ? (byte)')' : (byte)'(',
        _ => (byte)' ',
    };
}
