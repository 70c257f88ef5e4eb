using Grid.Bgp.Model;
using Grid.Geography;
using static Grid.Grains.Tests.Geography.GeoDatabaseTests;

namespace Grid.Grains.Tests.Geography;

public sealed class SplitTests
{
    [Fact]
    public void APrefixInsideOneCountrysSpaceComesBackWhole()
    {
        var database = GeoDatabase.Create([Block("10.0.0.0/8", "US"), Block("10.1.0.0/16", "CA")]);

        Assert.Equal([Block("10.2.0.0/16", "US")], database.Split(Prefix.Parse("10.2.0.0/16")));
        Assert.Equal([Block("10.1.2.0/24", "CA")], database.Split(Prefix.Parse("10.1.2.0/24")));
        Assert.Equal([Block("11.0.0.0/8", "ZZ")], database.Split(Prefix.Parse("11.0.0.0/8")));
    }

    [Fact]
    public void APrefixOverSeveralCountriesIsCutAtTheirBordersAndTheRestIsUnknown()
    {
        var database = GeoDatabase.Create([Block("10.0.0.0/8", "US"), Block("10.1.0.0/16", "CA"), Block("12.0.0.0/9", "MX")]);

        var pieces = database.Split(Prefix.Parse("8.0.0.0/5")).Select(piece => $"{piece.Prefix} {piece.Country}");

        Assert.Equal(
        [
            "8.0.0.0/7 ZZ",
            "10.0.0.0/16 US", "10.1.0.0/16 CA", "10.2.0.0/15 US", "10.4.0.0/14 US", "10.8.0.0/13 US", "10.16.0.0/12 US",
            "10.32.0.0/11 US", "10.64.0.0/10 US", "10.128.0.0/9 US",
            "11.0.0.0/8 ZZ", "12.0.0.0/9 MX", "12.128.0.0/9 ZZ", "13.0.0.0/8 ZZ", "14.0.0.0/7 ZZ",
        ], pieces);
    }

    [Fact]
    public void AppendingToAListLeavesWhatWasThere()
    {
        var database = GeoDatabase.Create([Block("10.0.0.0/8", "US")]);
        var pieces = new List<CountryBlock> { Block("192.0.2.0/24", "NL") };

        database.Split(Prefix.Parse("10.0.0.0/24"), pieces);

        Assert.Equal([Block("192.0.2.0/24", "NL"), Block("10.0.0.0/24", "US")], pieces);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void PiecesPartitionAnyPrefixOfTheRealTable(int seed)
    {
        var database = SharedGeography.Database;
        var random = new Random(seed);
        for (var i = 0; i < 2_000; i++)
        {
            var prefix = RandomPrefix(random);
            var pieces = database.Split(prefix);
            AssertPartition(prefix, pieces);

            // Every piece is one country: both its ends lie in blocks of that country (or in none).
            foreach (var piece in pieces.Take(50))
            {
                Assert.Equal(piece.Country, database.CountryOf(AddressSpace.FirstAddressOf(piece.Prefix)));
                Assert.Equal(piece.Country, database.CountryOf(AddressSpace.LastAddressOf(piece.Prefix)));
            }
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    public void SplitAndLongestMatchAgreeWithAnAddressByAddressOracle(int seed)
    {
        // Random nested blocks inside 10.0.0.0/16, checked against a brute-force answer for each of
        // its 65,536 addresses: the country of the longest block containing it.
        var random = new Random(seed);
        var countries = new[] { "US", "CA", "MX", "BY" }.Select(CountryCode.Parse).ToArray();
        var blocks = Enumerable.Range(0, 60)
            .Select(_ => new CountryBlock(Prefix.IPv4(0x0A00_0000u | (uint)random.Next(1 << 16), random.Next(16, 29)), countries[random.Next(countries.Length)]))
            .ToList();
        var database = GeoDatabase.Create(blocks);
        var winners = blocks.DistinctBy(block => block.Prefix).ToList();
        var oracle = Enumerable.Range(0, 1 << 16).Select(offset =>
        {
            var address = Prefix.IPv4(0x0A00_0000u | (uint)offset, 32);
            return LongestMatch(winners, address);
        }).ToArray();

        for (var i = 0; i < 300; i++)
        {
            var prefix = Prefix.IPv4(0x0A00_0000u | (uint)random.Next(1 << 16), random.Next(16, 33));
            var pieces = database.Split(prefix);
            AssertPartition(prefix, pieces);
            foreach (var piece in pieces)
            {
                var first = (int)(piece.Prefix.IPv4Address - 0x0A00_0000u);
                var size = 1 << (32 - piece.Prefix.Length);
                Assert.All(oracle.Skip(first).Take(size), country => Assert.Equal(country, piece.Country));
            }

            Assert.Equal(LongestMatch(winners, prefix), database.CountryOf(prefix));
        }
    }

    private static CountryCode LongestMatch(IEnumerable<CountryBlock> blocks, Prefix prefix) =>
        blocks.Where(block => block.Prefix.Contains(prefix)).OrderByDescending(block => block.Prefix.Length)
            .Select(block => block.Country).DefaultIfEmpty(CountryCode.Unknown).First();

    private static void AssertPartition(Prefix prefix, IReadOnlyList<CountryBlock> pieces)
    {
        Assert.NotEmpty(pieces);
        Assert.All(pieces, piece => Assert.True(prefix.Contains(piece.Prefix), $"{piece.Prefix} is outside {prefix}"));
        Assert.Equal(AddressSpace.SizeOf(prefix), AddressSpace.SizeOf(pieces.Select(piece => piece.Prefix)));

        // Ascending and touching: each piece starts right after the previous one ends, so none overlap.
        Assert.Equal(AddressSpace.FirstAddressOf(prefix), AddressSpace.FirstAddressOf(pieces[0].Prefix));
        for (var i = 1; i < pieces.Count; i++)
        {
            Assert.Equal(AddressSpace.LastAddressOf(pieces[i - 1].Prefix).Bits + (prefix.IsIPv4 ? UInt128.One << 96 : UInt128.One), pieces[i].Prefix.Bits);
        }

        if (pieces.Count == 1)
        {
            Assert.Equal(prefix, pieces[0].Prefix);
        }
    }

    private static Prefix RandomPrefix(Random random)
    {
        if (random.Next(4) == 0)
        {
            // IPv6 where registries delegate: 2000::/3.
            var high = 0x2000_0000_0000_0000UL | ((ulong)random.NextInt64() & 0x1FFF_FFFF_FFFF_FFFFUL);
            return Prefix.IPv6((UInt128)high << 64, random.Next(12, 65));
        }

        return Prefix.IPv4((uint)random.NextInt64(1L << 32), random.Next(4, 33));
    }
}
