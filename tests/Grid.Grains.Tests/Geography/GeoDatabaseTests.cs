using Grid.Bgp.Model;
using Grid.Geography;

namespace Grid.Grains.Tests.Geography;

public sealed class GeoDatabaseTests
{
    private static readonly GeoDatabase Nested = GeoDatabase.Create(
    [
        Block("10.0.0.0/8", "US"),
        Block("10.1.0.0/16", "CA"),
        Block("10.1.2.0/24", "MX"),
        Block("2001:db8::/32", "DE"),
        Block("2001:db8:1::/48", "FR"),
    ]);

    [Theory]
    [InlineData("10.1.2.0/25", "MX")]
    [InlineData("10.1.2.0/24", "MX")]
    [InlineData("10.1.3.0/24", "CA")]
    [InlineData("10.1.0.0/16", "CA")]
    [InlineData("10.2.0.0/16", "US")]
    [InlineData("10.0.0.0/8", "US")]
    [InlineData("10.255.255.255/32", "US")]
    [InlineData("2001:db8:1:2::/64", "FR")]
    [InlineData("2001:db8:2::/48", "DE")]
    public void TheMostSpecificBlockContainingThePrefixDecides(string prefix, string country) =>
        Assert.Equal(country, Nested.CountryOf(Prefix.Parse(prefix)).ToString());

    [Theory]
    [InlineData("11.0.0.0/8")]
    [InlineData("9.255.255.0/24")]
    [InlineData("0.0.0.0/0")]
    [InlineData("10.0.0.0/7")] // wider than every block: no block contains it
    [InlineData("2001:db9::/32")]
    [InlineData("::/0")]
    public void SpaceInNoBlockIsUnknown(string prefix) =>
        Assert.Equal(CountryCode.Unknown, Nested.CountryOf(Prefix.Parse(prefix)));

    [Fact]
    public void TheFamiliesDoNotMix()
    {
        // 0.0.0.0/0 is left-aligned zeros, as is ::/0; only the family tells them apart.
        var database = GeoDatabase.Create([Block("0.0.0.0/0", "US")]);

        Assert.Equal("US", database.CountryOf(Prefix.Parse("8.8.8.0/24")).ToString());
        Assert.Equal(CountryCode.Unknown, database.CountryOf(Prefix.Parse("::/8")));
        Assert.Equal(CountryCode.Unknown, database.CountryOf(Prefix.Parse("2001:db8::/32")));
    }

    [Fact]
    public void OfTwoSourcesListingOnePrefixTheFirstWins()
    {
        var database = GeoDatabase.Create([Block("192.0.2.0/24", "NL"), Block("192.0.2.0/24", "DE"), Block("192.0.2.0/25", "BE")]);

        Assert.Equal("NL", database.CountryOf(Prefix.Parse("192.0.2.128/25")).ToString());
        Assert.Equal("BE", database.CountryOf(Prefix.Parse("192.0.2.0/25")).ToString());
        Assert.Equal(2, database.IPv4BlockCount);
    }

    [Fact]
    public void CountriesListsEveryCountryWithSpaceOrAsnsOnce()
    {
        var database = GeoDatabase.Create([Block("10.0.0.0/8", "US"), Block("11.0.0.0/8", "US")], [new AsnBlock(64500, 1, CountryCode.Parse("BY"))]);

        Assert.Equal(["BY", "US"], database.Countries.Select(country => country.ToString()));
    }

    [Theory]
    [InlineData("8.8.8.0/24", "US")]         // Google, ARIN space: ipverse
    [InlineData("37.45.0.0/16", "BY")]       // Beltelecom, RIPE space: ipverse
    [InlineData("1.0.16.0/24", "JP")]        // APNIC's file
    [InlineData("196.4.24.0/24", "ZA")]      // AFRINIC's file, from a record of 2560 addresses
    [InlineData("200.160.0.0/20", "BR")]     // LACNIC's file
    [InlineData("2001:67c:57c::/48", "BY")]
    [InlineData("240f:8000::/24", "CN")]
    [InlineData("10.0.0.0/8", "ZZ")]         // RFC 1918: nobody's
    [InlineData("fe80::/10", "ZZ")]
    public void TheSharedDataPlacesWellKnownSpace(string prefix, string country) =>
        Assert.Equal(country, SharedGeography.Database.CountryOf(Prefix.Parse(prefix)).ToString());

    [Fact]
    public void TheSharedDataCoversTheWorld()
    {
        var database = SharedGeography.Database;

        Assert.InRange(database.Countries.Count, 230, 260);
        Assert.InRange(database.IPv4BlockCount, 150_000, 400_000);
        Assert.InRange(database.IPv6BlockCount, 50_000, 200_000);
        Assert.InRange(database.AsnCount, 80_000, 150_000);
    }

    internal static CountryBlock Block(string prefix, string country) => new(Prefix.Parse(prefix), CountryCode.Parse(country));
}
