using System.Buffers.Binary;
using Grid.Bgp.Model;

namespace Grid.Bgp.Mrt.Parser;

/// <summary>Reads a record body's fixed fields in order; every read says whether the field was there.</summary>
internal ref struct RecordCursor(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;

    public int Position { get; private set; }

    public readonly int Remaining => _data.Length - Position;

    public readonly ReadOnlySpan<byte> Rest => _data[Position..];

    public bool TryUInt8(out byte value)
    {
        value = 0;
        if (Remaining < 1)
        {
            return false;
        }
        value = _data[Position++];
        return true;
    }

    public bool TryUInt16(out ushort value)
    {
        value = 0;
        if (Remaining < 2)
        {
            return false;
        }
        value = BinaryPrimitives.ReadUInt16BigEndian(_data[Position..]);
        Position += 2;
        return true;
    }

    public bool TryUInt32(out uint value)
    {
        value = 0;
        if (Remaining < 4)
        {
            return false;
        }
        value = BinaryPrimitives.ReadUInt32BigEndian(_data[Position..]);
        Position += 4;
        return true;
    }

    /// <summary>Reads a 2- or 4-octet AS number.</summary>
    public bool TryAsn(int size, out uint value)
    {
        if (size == 4)
        {
            return TryUInt32(out value);
        }
        var ok = TryUInt16(out var narrow);
        value = narrow;
        return ok;
    }

    public bool TryBytes(int count, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (count < 0 || Remaining < count)
        {
            return false;
        }
        value = _data.Slice(Position, count);
        Position += count;
        return true;
    }

    /// <summary>Reads a full 4-octet IPv4 or 16-octet IPv6 address.</summary>
    public bool TryAddress(bool ipv6, out IPAddressValue value)
    {
        value = default;
        if (!TryBytes(ipv6 ? 16 : 4, out var octets))
        {
            return false;
        }
        value = IPAddressValue.FromBytes(octets);
        return true;
    }
}
