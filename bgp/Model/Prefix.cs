using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Grid.Bgp.Model;

/// <summary>
/// An IPv4 or IPv6 prefix, 24 bytes, no allocation. The address is left-aligned in 128 bits
/// (IPv4 in the top 32), so containment and ordering are the same arithmetic for both families.
/// Host bits beyond <see cref="Length"/> are always zero: BGP NLRI may carry stray trailing bits
/// (RFC 4271 §4.3 says they are irrelevant), and two spellings of one prefix must be one key.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Grid.Bgp.Json.PrefixJsonConverter))]
public readonly struct Prefix : IEquatable<Prefix>, IComparable<Prefix>, ISpanFormattable
{
    // Two ulongs rather than one UInt128: UInt128 is 16-byte aligned, which would make this struct
    // 32 bytes instead of 24, and every routing table holds one per prefix.
    private readonly ulong _high;
    private readonly ulong _low;

    private Prefix(UInt128 bits, byte length, bool isIPv4)
    {
        var masked = bits & Mask(length);
        _high = (ulong)(masked >> 64);
        _low = (ulong)masked;
        Length = length;
        IsIPv4 = isIPv4;
    }

    /// <summary>The network address, left-aligned in 128 bits.</summary>
    public UInt128 Bits => new(_high, _low);

    public byte Length { get; }

    public bool IsIPv4 { get; }

    public int MaxLength => IsIPv4 ? 32 : 128;

    public AddressFamily Family => IsIPv4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;

    public static Prefix IPv4(uint address, int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)length, 32u, nameof(length));
        return new Prefix((UInt128)address << 96, (byte)length, isIPv4: true);
    }

    public static Prefix IPv6(UInt128 address, int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)length, 128u, nameof(length));
        return new Prefix(address, (byte)length, isIPv4: false);
    }

    /// <summary>Builds a prefix from NLRI bytes: the significant octets only, as BGP and MRT encode them (RFC 4271 §4.3).</summary>
    public static Prefix FromNlri(ReadOnlySpan<byte> significantOctets, int length, bool isIPv4)
    {
        Span<byte> full = stackalloc byte[16];
        full.Clear();
        significantOctets[..Math.Min(significantOctets.Length, isIPv4 ? 4 : 16)].CopyTo(full);
        var bits = BinaryPrimitives.ReadUInt128BigEndian(full);
        return isIPv4 ? new Prefix(bits, (byte)Math.Min(length, 32), true) : new Prefix(bits, (byte)Math.Min(length, 128), false);
    }

    public static Prefix FromAddress(IPAddress address, int length)
    {
        Span<byte> bytes = stackalloc byte[16];
        bytes.Clear();
        address.TryWriteBytes(bytes, out var written);
        var isIPv4 = written == 4;
        return isIPv4
            ? IPv4(BinaryPrimitives.ReadUInt32BigEndian(bytes), length)
            : IPv6(BinaryPrimitives.ReadUInt128BigEndian(bytes), length);
    }

    public IPAddress Address
    {
        get
        {
            Span<byte> bytes = stackalloc byte[16];
            BinaryPrimitives.WriteUInt128BigEndian(bytes, Bits);
            return new IPAddress(IsIPv4 ? bytes[..4] : bytes);
        }
    }

    /// <summary>The IPv4 address as a number (only for IPv4 prefixes).</summary>
    public uint IPv4Address => (uint)(Bits >> 96);

    public bool Contains(Prefix other) =>
        IsIPv4 == other.IsIPv4 && other.Length >= Length && (other.Bits & Mask(Length)) == Bits;

    /// <summary>The prefix of <paramref name="length"/> bits that contains this one (or this one, if shorter).</summary>
    public Prefix Truncate(int length) => length >= Length ? this : new Prefix(Bits, (byte)length, IsIPv4);

    /// <summary>
    /// How many blocks of <paramref name="unitLength"/> bits this prefix covers: /24s for IPv4 and
    /// /48s for IPv6 in Grid's signals. A prefix longer than the unit covers part of one block: 1.
    /// </summary>
    public long CountOf(int unitLength) => Length >= unitLength ? 1 : 1L << (unitLength - Length);

    public static Prefix Parse(string text) =>
        TryParse(text, out var prefix) ? prefix : throw new FormatException($"'{text}' is not a prefix such as 192.0.2.0/24 or 2001:db8::/32.");

    public static bool TryParse([NotNullWhen(true)] string? text, out Prefix prefix)
    {
        prefix = default;
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (slash <= 0 || !IPAddress.TryParse(text.AsSpan(0, slash), out var address)
            || !byte.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            return false;
        }

        if (length > (address!.AddressFamily == AddressFamily.InterNetwork ? 32 : 128))
        {
            return false;
        }

        prefix = FromAddress(address, length);
        return true;
    }

    public bool Equals(Prefix other) => _high == other._high && _low == other._low && Length == other.Length && IsIPv4 == other.IsIPv4;

    public override bool Equals(object? obj) => obj is Prefix other && Equals(other);

    // Hot: every shard and entity table is keyed by prefix. Fold the 128 bits and mix (a
    // multiplicative hash), cheaper than HashCode.Combine over UInt128.
    public override int GetHashCode()
    {
        var folded = _high ^ _low ^ ((ulong)Length << 1) ^ (IsIPv4 ? 1UL : 0UL);
        return (int)((folded * 0x9E3779B97F4A7C15UL) >> 32);
    }

    /// <summary>IPv4 before IPv6; then by address; then shorter (covering) prefixes first.</summary>
    public int CompareTo(Prefix other)
    {
        if (IsIPv4 != other.IsIPv4)
        {
            return IsIPv4 ? -1 : 1;
        }

        var byBits = Bits.CompareTo(other.Bits);
        return byBits != 0 ? byBits : Length.CompareTo(other.Length);
    }

    public static bool operator ==(Prefix left, Prefix right) => left.Equals(right);

    public static bool operator !=(Prefix left, Prefix right) => !left.Equals(right);

    public static bool operator <(Prefix left, Prefix right) => left.CompareTo(right) < 0;

    public static bool operator >(Prefix left, Prefix right) => left.CompareTo(right) > 0;

    public static bool operator <=(Prefix left, Prefix right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Prefix left, Prefix right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{Address}/{Length}";

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        charsWritten = 0;
        if (!Address.TryFormat(destination, out var written) || destination.Length < written + 4)
        {
            return false;
        }

        destination[written++] = '/';
        if (!Length.TryFormat(destination[written..], out var lengthChars, default, CultureInfo.InvariantCulture))
        {
            return false;
        }

        charsWritten = written + lengthChars;
        return true;
    }

    /// <summary>The first <paramref name="length"/> bits set.</summary>
    public static UInt128 Mask(int length) => length == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - length);
}
