using System.Net;
using Grid.Bgp.Model;
using Grid.Geography;
using Grid.Geography.Regions;
using Grid.Grains.Tests.Geography;
using MaxMind.Db;

namespace Grid.Grains.Tests.Geography.Regions;

/// <summary>
/// The region map against DB-IP's own file, read independently with MaxMind.Db's point lookups:
/// every /24 takes the region of its first address, and splitting a country's prefix keeps exactly
/// the /24s that DB-IP places in a region of that country.
/// </summary>
public sealed class RegionMapTests
{
    private static readonly CountryCode Belarus = CountryCode.Parse("BY");

    [Fact]
    public void EverySeedCountryHasRegionsAndEachCodeNamesItsCountry()
    {
        var map = SharedRegions.Map;
        foreach (var country in new[] { "BY", "KZ", "AZ", "RU", "IR", "MM", "ET", "IN" })
        {
            var regions = map.RegionsOf(CountryCode.Parse(country));
            Assert.True(regions.Count >= 6, $"{country}: {regions.Count} regions");
            Assert.All(regions, r => Assert.StartsWith(country + "-", r.Code, StringComparison.Ordinal));
            Assert.All(regions, r => Assert.Same(r, map.Find(r.Code.ToLowerInvariant())));
        }
    }

    [Fact]
    public void EachSlash24TakesTheRegionDbIpGivesItsFirstAddress()
    {
        var map = SharedRegions.Map;
        using var reader = new Reader(SharedRegions.IPv4File, FileAccessMode.Memory);
        var random = new Random(24);
        var checkedUnits = 0;
        var inRegion = 0;
        foreach (var block in SharedGeography.Database.Split(Prefix.Parse("0.0.0.0/0")).Where(b => b.Country == Belarus || b.Country == CountryCode.Parse("KZ")))
        {
            var units = block.Prefix.Length >= 24 ? 1 : 1 << (24 - block.Prefix.Length);
            for (var n = 0; n < Math.Min(units, 8); n++)
            {
                var unit = Prefix.IPv4((uint)(block.Prefix.Bits >> 96) + ((uint)random.Next(units) << 8), 24);
                var place = reader.Find<DbIpPlace>(unit.Address);
                var region = map.RegionOf(unit);
                if (string.IsNullOrEmpty(place?.State1))
                {
                    Assert.Null(region);
                }
                else
                {
                    Assert.NotNull(region);
                    Assert.Equal(place.CountryCode, region.Country.ToString());
                    Assert.Contains(place.State1, region.SourceNames);
                    inRegion++;
                }

                checkedUnits++;
            }
        }

        Assert.True(checkedUnits > 1000, $"{checkedUnits} /24s checked");
        Assert.True(inRegion > checkedUnits / 2, $"{inRegion} of {checkedUnits} /24s in a region");
    }

    [Fact]
    public void SplittingACountrysPrefixKeepsExactlyItsRegionedSlash24s()
    {
        var map = SharedRegions.Map;
        using var reader = new Reader(SharedRegions.IPv4File, FileAccessMode.Memory);
        var blocks = SharedGeography.Database.Split(Prefix.Parse("0.0.0.0/0")).Where(b => b.Country == Belarus && b.Prefix.Length <= 20).Take(40).ToList();
        Assert.NotEmpty(blocks);
        var pieces = new List<RegionBlock>();
        foreach (var block in blocks)
        {
            pieces.Clear();
            map.Split(block.Prefix, Belarus, pieces);
            var expected = 0L;
            for (var unit = (uint)(block.Prefix.Bits >> 96); block.Prefix.Contains(Prefix.IPv4(unit, 24)); unit += 256)
            {
                var place = reader.Find<DbIpPlace>(Prefix.IPv4(unit, 24).Address);
                expected += place?.CountryCode == "BY" && !string.IsNullOrEmpty(place.State1) ? 1 : 0;
                if (unit + 256 < unit)
                {
                    break;
                }
            }

            Assert.All(pieces, p => Assert.True(block.Prefix.Contains(p.Prefix) && p.Region.Country == Belarus));
            Assert.Equal(expected, pieces.Sum(p => 1L << (24 - p.Prefix.Length)));
            for (var i = 1; i < pieces.Count; i++)
            {
                Assert.True(pieces[i - 1].Prefix.Bits < pieces[i].Prefix.Bits && !pieces[i - 1].Prefix.Contains(pieces[i].Prefix), "pieces are disjoint and in address order");
            }
        }
    }

    [Fact]
    public void APrefixLongerThanASlash24TakesItsSlash24sRegion()
    {
        var map = SharedRegions.Map;
        var unit = map.RegionsOf(Belarus).Count > 0
            ? SharedGeography.Database.Split(Prefix.Parse("0.0.0.0/0")).First(b => b.Country == Belarus).Prefix
            : throw new InvalidOperationException("no Belarusian regions");
        var slash24 = Prefix.IPv4((uint)(unit.Bits >> 96), 24);
        var slash28 = Prefix.IPv4((uint)(unit.Bits >> 96) + 32, 28);
        var pieces = new List<RegionBlock>();
        map.Split(slash28, Belarus, pieces);
        var region = map.RegionOf(slash24);
        Assert.Equal(region is null ? 0 : 1, pieces.Count);
        Assert.All(pieces, p => Assert.Equal((slash28, region), (p.Prefix, p.Region)));
    }

    [Theory]
    [InlineData("MM-Bago", "MM-02")]
    [InlineData("mm-02", "MM-02")]
    [InlineData("BY-Minsk City", "BY-HM")]
    [InlineData("by-minsk", "BY-MI")]
    [InlineData("KZ-Aqtobe", "KZ-AKT")]
    [InlineData("KZ-Aktyubinskaya Oblast’", "KZ-AKT")]
    public void ARegionIsFoundByItsCodeOrAnyOfItsNames(string text, string code) =>
        Assert.Equal(code, SharedRegions.Map.Resolve(text)?.Code);

    [Fact]
    public void ANameOfNoRegionResolvesToNone() => Assert.Null(SharedRegions.Map.Resolve("BY-Atlantis"));

    [Fact]
    public void AMissingDatabaseSaysHowToGetOne()
    {
        var error = Assert.Throws<FileNotFoundException>(() => RegionMapLoader.Load("/nonexistent/regions.mmdb"));
        Assert.Contains("grid geo fetch --regions", error.Message, StringComparison.Ordinal);
        Assert.Contains("Grid:Geo:Regions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileThatIsNotAMaxMindDatabaseIsRefusedWithItsName()
    {
        var path = Path.Combine(Path.GetTempPath(), $"grid-not-mmdb-{Guid.NewGuid():N}.mmdb");
        File.WriteAllBytes(path, new byte[4096]);
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => RegionMapLoader.Load(path));
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
