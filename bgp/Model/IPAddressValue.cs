using System.Buffers.Binary;
using System.Net;

namespace Grid.Bgp.Model;

/// <summary>
/// An IPv4 or IPv6 address held by value (17 bytes, no allocation), as decoders read them off the
/// wire: peer addresses, next hops, BGP identifiers. The address is left-aligned in 128 bits like
/// <see cref="Prefix"/>, so an IPv4 address is its four octets followed by zeros.
/// </summary>
public readonly struct IPAddressValue : IEquatable<IPAddressValue>
{
    private IPAddressValue(UInt128 bits, bool isIPv4)
    {
        Bits = bits;
        IsIPv4 = isIPv4;
    }

    /// <summary>The address, left-aligned in 128 bits.</summary>
    public UInt128 Bits { get; }

    public bool IsIPv4 { get; }

    /// <summary>The IPv4 address as a number (only meaningful for IPv4).</summary>
    public uint IPv4Value => (uint)(Bits >> 96);

    public static IPAddressValue IPv4(uint address) => new((UInt128)address << 96, isIPv4: true);

    public static IPAddressValue IPv6(UInt128 address) => new(address, isIPv4: false);

    /// <summary>Reads 4 octets as IPv4 or 16 octets as IPv6, in network order.</summary>
    public static IPAddressValue FromBytes(ReadOnlySpan<byte> octets) => octets.Length == 4
        ? IPv4(BinaryPrimitives.ReadUInt32BigEndian(octets))
        : IPv6(BinaryPrimitives.ReadUInt128BigEndian(octets));

    /// <summary>Writes the address's 4 (IPv4) or 16 (IPv6) octets; returns how many.</summary>
    public int WriteBytes(Span<byte> destination)
    {
        if (IsIPv4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, IPv4Value);
            return 4;
        }
        BinaryPrimitives.WriteUInt128BigEndian(destination, Bits);
        return 16;
    }

    public IPAddress ToIPAddress()
    {
        Span<byte> octets = stackalloc byte[16];
        return new IPAddress(octets[..WriteBytes(octets)]);
    }

    public bool Equals(IPAddressValue other) => Bits == other.Bits && IsIPv4 == other.IsIPv4;

    public override bool Equals(object? obj) => obj is IPAddressValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Bits, IsIPv4);

    public static bool operator ==(IPAddressValue left, IPAddressValue right) => left.Equals(right);

    public static bool operator !=(IPAddressValue left, IPAddressValue right) => !left.Equals(right);

    public override string ToString() => ToIPAddress().ToString();
}
