using System.Numerics;
using Grid.Bgp.Model;
using Grid.Geography;

namespace Grid.Grains.Tests.Geography;

/// <summary>Sizes of address space, in addresses of the prefix's own family.</summary>
internal static class AddressSpace
{
    public static readonly Prefix AllIPv4 = Prefix.Parse("0.0.0.0/0");
    public static readonly Prefix AllIPv6 = Prefix.Parse("::/0");

    public static BigInteger SizeOf(Prefix prefix) => BigInteger.One << (prefix.MaxLength - prefix.Length);

    public static BigInteger SizeOf(IEnumerable<Prefix> prefixes) => prefixes.Aggregate(BigInteger.Zero, (sum, prefix) => sum + SizeOf(prefix));

    /// <summary>How many addresses of the whole family the database attributes to each country.</summary>
    public static Dictionary<CountryCode, BigInteger> AttributedTo(GeoDatabase database, Prefix wholeFamily) =>
        database.Split(wholeFamily).GroupBy(piece => piece.Country).ToDictionary(group => group.Key, group => SizeOf(group.Select(piece => piece.Prefix)));

    /// <summary>The last address of the prefix, as a host prefix (/32 or /128).</summary>
    public static Prefix LastAddressOf(Prefix prefix) => prefix.IsIPv4
        ? Prefix.IPv4(prefix.IPv4Address | (uint)((1UL << (32 - prefix.Length)) - 1), 32)
        : Prefix.IPv6(prefix.Bits | ~Prefix.Mask(prefix.Length), 128);

    public static Prefix FirstAddressOf(Prefix prefix) => prefix.IsIPv4 ? Prefix.IPv4(prefix.IPv4Address, 32) : Prefix.IPv6(prefix.Bits, 128);
}
