using Grid.Bgp.Model;
using Grid.Testing.Lab;

namespace Grid.Bgp.Tests.Lab;

public sealed class CountryPrefixSetTests
{
    [Fact]
    public void TheSameSeedGivesTheSameRoutes()
    {
        var first = CountryPrefixSet.Country(300, 40, seed: 3);
        var second = CountryPrefixSet.Country(300, 40, seed: 3);
        var other = CountryPrefixSet.Country(300, 40, seed: 4);

        Assert.Equal(first.Routes.Select(Describe), second.Routes.Select(Describe));
        Assert.NotEqual(first.Routes.Select(Describe), other.Routes.Select(Describe));
    }

    [Fact]
    public void ACountryLivesIn100Dot64Slash10And2001Db8Slash32()
    {
        var set = CountryPrefixSet.Country(CountryPrefixSet.MaxCountryIPv4, 1000);

        Assert.Equal(CountryPrefixSet.MaxCountryIPv4, set.IPv4Count);
        Assert.Equal(1000, set.IPv6Count);
        Assert.All(set.IPv4Routes, r => Assert.True(Prefix.Parse("100.64.0.0/10").Contains(r.Prefix) && r.Prefix.Length == 24));
        Assert.All(set.IPv6Routes, r => Assert.True(Prefix.Parse("2001:db8::/32").Contains(r.Prefix) && r.Prefix.Length == 48));
    }

    [Fact]
    public void CountryPathsAreTheOriginPrependedUpToTwiceWithACommunityOfTheOrigin()
    {
        var set = CountryPrefixSet.Country(500, 100, firstOrigin: 64500, lastOrigin: 64510);

        Assert.All(set.Routes, route =>
        {
            Assert.InRange(route.Origin, 64500u, 64510u);
            Assert.InRange(route.AsPath.Count, 1, 3);
            Assert.All(route.AsPath, asn => Assert.Equal(route.Origin, asn));
            Assert.Equal(route.Origin, route.Community.Asn);
        });
        Assert.Equal(11, set.Routes.Select(r => r.Origin).Distinct().Count());
    }

    [Fact]
    public void TransitTablesSpreadOverUnicastSpaceWithUpToFiveTransitsAndNoLabAsns()
    {
        var set = CountryPrefixSet.Transit(100_000, 20_000);
        var special = new[] { "10.0.0.0/8", "127.0.0.0/8", "100.64.0.0/10", "224.0.0.0/3", "0.0.0.0/8" }.Select(Prefix.Parse).ToList();

        Assert.Equal(120_000, set.Prefixes.Count);
        Assert.All(set.IPv4Routes, r => Assert.DoesNotContain(special, s => s.Contains(r.Prefix)));
        Assert.True(set.IPv4Routes.Select(r => r.Prefix.IPv4Address >> 24).Distinct().Count() > 200, "IPv4 /24s cover most /8s");
        Assert.All(set.Routes, r => Assert.InRange(r.AsPath.Count, 1, 6));
        Assert.False(set.Routes.Any(r => r.AsPath.SkipLast(1).Any(asn => asn is >= 64496 and <= 65535)), "no transit uses a lab AS");
        Assert.False(set.Mentions(BgpLab.SpeakerAsn));
    }

    [Fact]
    public void StaticRoutesPrependTheOriginFirstSoTheSpeakerSendsThePathInOrder()
    {
        var route = new CountryRoute(Prefix.Parse("100.64.3.0/24"), [3356, 174, 64503], new Community(64503, 100));
        using var writer = new StringWriter();

        BirdConfig.AppendStaticRoute(writer, route);

        Assert.Equal(
            "route 100.64.3.0/24 blackhole { bgp_path.prepend(64503); bgp_path.prepend(174); bgp_path.prepend(3356); bgp_community.add((64503,100)); };\n",
            writer.ToString());
    }

    [Fact]
    public void ACountryHasAtMostOneSlash10OfSlash24s() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CountryPrefixSet.Country(CountryPrefixSet.MaxCountryIPv4 + 1, 0));

    [Fact]
    public void AMissingDaemonFailsWithTheInstallCommand()
    {
        var error = Assert.Throws<InvalidOperationException>(() => LabPrerequisites.Require("no-such-bgp-daemon"));

        Assert.Contains("`no-such-bgp-daemon` not found", error.Message);
        Assert.Contains("sudo bash .ci/run", error.Message);
        Assert.Contains("apt-get install", error.Message);
    }

    private static string Describe(CountryRoute route) => $"{route.Prefix} {string.Join(' ', route.AsPath)} {route.Community}";
}
