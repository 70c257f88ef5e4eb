using System.Buffers.Binary;
using Grid.Bgp.Mrt.Model;
using Grid.Bgp.Mrt.Parser;

namespace Grid.Bgp.Tests.Properties;

public enum CorruptionKind
{
    /// <summary>Octets anywhere replaced by random values.</summary>
    Flip,

    /// <summary>Octets of record headers replaced: the lengths and types that framing depends on.</summary>
    FlipHeader,

    /// <summary>The stream cut at some point.</summary>
    Truncate,

    /// <summary>Random octets inserted at some point.</summary>
    Insert,
}

/// <summary>One way of damaging a sample: which octets change, where it is cut, or what is inserted where.</summary>
public sealed record Corruption(string Sample, CorruptionKind Kind, int[] Positions, byte[] Values)
{
    public byte[] ApplyTo(byte[] original) => Kind switch
    {
        CorruptionKind.Truncate => original[..Positions[0]],
        CorruptionKind.Insert => [.. original[..Positions[0]], .. Values, .. original[Positions[0]..]],
        _ => Flipped(original),
    };

    /// <summary>Where a record that started at <paramref name="offset"/> starts now, if all its octets survived.</summary>
    public long? Survivor(long offset, int length) => Kind switch
    {
        CorruptionKind.Truncate => offset + length <= Positions[0] ? offset : null,
        CorruptionKind.Insert when Positions[0] <= offset => offset + Values.Length,
        CorruptionKind.Insert => offset + length <= Positions[0] ? offset : null,
        _ => Positions.Zip(Values).Any(change => change.First >= offset && change.First < offset + length) ? null : offset,
    };

    public override string ToString() => $"{Kind} of {Sample} at [{string.Join(",", Positions)}] with [{Convert.ToHexString(Values)}]";

    private byte[] Flipped(byte[] original)
    {
        var copy = (byte[])original.Clone();
        foreach (var (position, value) in Positions.Zip(Values))
        {
            copy[position] = value;
        }
        return copy;
    }

    /// <summary>
    /// The record starts the framer visits in damaged octets, by the same rules it follows: the first
    /// header must name a known type, and each header's length leads to the next (RFC 6396 §2).
    /// </summary>
    public static HashSet<long> FramingChain(byte[] octets)
    {
        var starts = new HashSet<long>();
        long offset = 0;
        while (octets.Length - offset >= MrtHeader.Size)
        {
            var header = octets.AsSpan((int)offset);
            var type = BinaryPrimitives.ReadUInt16BigEndian(header[4..]);
            var length = BinaryPrimitives.ReadUInt32BigEndian(header[8..]);
            if (offset == 0 && (!MrtHeader.IsKnownType(type) || length > MrtRecordFramer.MaxRecordLength))
            {
                break;
            }
            var skipped = length > MrtRecordFramer.MaxRecordLength || (MrtHeader.IsExtendedTimestampType(type) && length < 4);
            if (!skipped && offset + MrtHeader.Size + length <= octets.Length)
            {
                starts.Add(offset);
            }
            offset += MrtHeader.Size + length;
        }
        return starts;
    }
}
