using System.Runtime.CompilerServices;
using System.Buffers.Binary;
using Grid.Bgp.Model;

namespace Grid.Bgp.Messages;

/// <summary>
/// Reads a run of NLRI: each a length in bits and just enough octets to hold it (RFC 4271 §4.3),
/// preceded by a 4-octet path identifier with ADD-PATH (RFC 7911 §3). Withdrawn Routes, the
/// trailing NLRI of an UPDATE and the NLRI fields of MP_REACH/MP_UNREACH (RFC 4760 §5) all use it.
/// </summary>
public ref struct NlriReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly bool _isIPv4;
    private readonly bool _addPath;
    private int _position;

    public NlriReader(ReadOnlySpan<byte> data, bool isIPv4, bool addPath)
    {
        _data = data;
        _isIPv4 = isIPv4;
        _addPath = addPath;
        _position = 0;
        Error = null;
    }

    /// <summary>Why reading stopped early (a prefix cut off, or longer than 128 bits); null while well-formed.</summary>
    public string? Error { get; private set; }

    public bool IsEmpty => _data.IsEmpty;

    public readonly bool IsIPv4 => _isIPv4;

    public readonly bool HasPathIds => _addPath;

    /// <summary>Reads the next prefix; false at the end or at the first malformed one (see <see cref="Error"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryRead(out NlriPrefix prefix)
    {
        prefix = default;
        var rest = _data[_position..];
        if (rest.IsEmpty || Error is not null)
        {
            return false;
        }

        uint pathId = 0;
        if (_addPath)
        {
            if (rest.Length < 5)
            {
                return Fail($"an ADD-PATH prefix is cut off {rest.Length} octets into its 4-octet path identifier and length");
            }
            pathId = BinaryPrimitives.ReadUInt32BigEndian(rest);
            rest = rest[4..];
        }

        var length = rest[0];
        var octets = (length + 7) >> 3;
        if (octets > 16)
        {
            return Fail($"a prefix length of {length} bits is longer than any address");
        }
        if (rest.Length - 1 < octets)
        {
            return Fail($"a /{length} prefix needs {octets} octets but only {rest.Length - 1} remain");
        }

        prefix = new NlriPrefix(LeftAligned(rest.Slice(1, octets)), length, _isIPv4, pathId);
        _position = _data.Length - rest.Length + 1 + octets;
        return true;
    }

    /// <summary>Counts the well-formed prefixes without keeping them.</summary>
    public readonly int Count()
    {
        var copy = this;
        var count = 0;
        while (copy.TryRead(out _))
        {
            count++;
        }
        return count;
    }

    private bool Fail(string reason)
    {
        Error = reason;
        return false;
    }

    private static UInt128 LeftAligned(ReadOnlySpan<byte> octets)
    {
        if (octets.Length <= 4)
        {
            uint value = 0;
            for (var i = 0; i < octets.Length; i++)
            {
                value |= (uint)octets[i] << (24 - 8 * i);
            }
            return (UInt128)value << 96;
        }
        Span<byte> full = stackalloc byte[16];
        full.Clear();
        octets.CopyTo(full);
        return BinaryPrimitives.ReadUInt128BigEndian(full);
    }
}
