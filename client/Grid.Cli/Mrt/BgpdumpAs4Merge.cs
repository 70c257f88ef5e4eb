using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Grid.Bgp.Model;

namespace Grid.Cli.Mrt;

/// <summary>
/// The AS path bgpdump 1.6 prints for a 2-octet session that carries AS4_PATH. It follows RFC 6793
/// §4.2.3 in when it merges (AS4 session: never; AGGREGATOR other than AS_TRANS next to
/// AS4_AGGREGATOR: never; AS_PATH shorter than AS4_PATH: never) but not in how: it counts
/// confederation segments, and it fills the missing leading ASes by copying AS_PATH's first segment
/// again and again, so "100 23456 | 200 23456" with AS4_PATH "300000" prints "100 23456 100 300000"
/// where the RFC gives "100 23456 200 300000". Grid's model keeps the RFC's path
/// (<see cref="PathAttributes.AsPath"/>); only this text reproduces bgpdump's.
/// </summary>
internal sealed class BgpdumpAs4Merge
{
    private const uint AsTrans = 23456;
    private byte[] _merged = new byte[1024];

    /// <summary>The path to print and its ASN width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public AsPath PathToPrint(PathAttributes attributes)
    {
        var received = attributes.ReceivedAsPath;
        if (attributes.Context.FourOctetAsn || !attributes.Has(PathAttributeType.As4Path)
            || (attributes.Has(PathAttributeType.Aggregator) && attributes.Has(PathAttributeType.As4Aggregator) && attributes.ReceivedAggregatorAsn != AsTrans))
        {
            return received;
        }
        var as4Path = attributes.As4Path;
        var missing = Count(received) - Count(as4Path);
        if (missing < 0)
        {
            return received;
        }

        var written = 0;
        if (missing > 0)
        {
            var type = received.Encoded[0];
            var length = received.Encoded[1];
            var isSet = type is (byte)AsPathSegmentType.AsSet or (byte)AsPathSegmentType.AsConfedSet;
            if (length == 0 && !isSet)
            {
                // bgpdump loops forever here; there is nothing to match, so print the path as received.
                return received;
            }
            for (var copied = 0; copied < missing;)
            {
                var take = length;
                if (isSet)
                {
                    copied++;
                }
                else
                {
                    copied += length;
                    take = (byte)(copied > missing ? length - (copied - missing) : length);
                }
                var segment = Reserve(written, 2 + take * 4);
                segment[0] = type;
                segment[1] = take;
                for (var i = 0; i < take; i++)
                {
                    BinaryPrimitives.WriteUInt32BigEndian(segment[(2 + i * 4)..], BinaryPrimitives.ReadUInt16BigEndian(received.Encoded[(2 + i * 2)..]));
                }
                written += 2 + take * 4;
            }
        }
        as4Path.Encoded.CopyTo(Reserve(written, as4Path.Encoded.Length));
        written += as4Path.Encoded.Length;
        return new AsPath(_merged.AsSpan(0, written), 4);
    }

    /// <summary>bgpdump's count: sequences (confederation ones too) by length, sets as one; a malformed path counts 0.</summary>
    private static int Count(AsPath path)
    {
        if (!path.IsWellFormed)
        {
            return 0;
        }
        var count = 0;
        foreach (var segment in path)
        {
            count += segment.Type is AsPathSegmentType.AsSet or AsPathSegmentType.AsConfedSet ? 1 : segment.Count;
        }
        return count;
    }

    private Span<byte> Reserve(int written, int size)
    {
        if (_merged.Length < written + size)
        {
            Array.Resize(ref _merged, Math.Max(written + size, _merged.Length * 2));
        }
        return _merged.AsSpan(written, size);
    }
}
