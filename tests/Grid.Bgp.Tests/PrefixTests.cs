using Grid.Bgp.Model;

namespace Grid.Bgp.Tests;

public sealed class PrefixTests
{
    [Theory]
    [InlineData("192.0.2.0/24")]
    [InlineData("0.0.0.0/0")]
    [InlineData("2001:db8::/32")]
    [InlineData("2a02:2698:2000::/48")]
    public void ParseAndToStringRoundTrip(string text) => Assert.Equal(text, Prefix.Parse(text).ToString());

    [Fact]
    public void HostBitsAreClearedSoOnePrefixHasOneKey()
    {
        var stray = Prefix.FromNlri([10, 1, 2, 3], 8, isIPv4: true);

        Assert.Equal(Prefix.Parse("10.0.0.0/8"), stray);
        Assert.Equal("10.0.0.0/8", stray.ToString());
    }

    [Fact]
    public void ContainmentFollowsTheMask()
    {
        var slash16 = Prefix.Parse("100.64.0.0/16");

        Assert.True(slash16.Contains(Prefix.Parse("100.64.7.0/24")));
        Assert.True(slash16.Contains(slash16));
        Assert.False(slash16.Contains(Prefix.Parse("100.65.0.0/24")));
        Assert.False(Prefix.Parse("100.64.7.0/24").Contains(slash16));
        Assert.False(Prefix.Parse("::/0").Contains(slash16));
    }

    [Theory]
    [InlineData("100.64.0.0/16", 24, 256)]
    [InlineData("100.64.0.0/24", 24, 1)]
    [InlineData("100.64.0.128/25", 24, 1)]
    [InlineData("2001:db8::/32", 48, 65536)]
    public void CountsBlocksOfTheSignalUnit(string prefix, int unit, long blocks) =>
        Assert.Equal(blocks, Prefix.Parse(prefix).CountOf(unit));

    [Fact]
    public void OrdersIPv4FirstThenByAddressThenCoveringFirst()
    {
        var sorted = new[] { "2001:db8::/32", "10.0.0.0/16", "10.0.0.0/8", "9.0.0.0/8" }.Select(Prefix.Parse).Order().Select(p => p.ToString());

        Assert.Equal(["9.0.0.0/8", "10.0.0.0/8", "10.0.0.0/16", "2001:db8::/32"], sorted);
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0")]
    [InlineData("not-a-prefix/8")]
    [InlineData("2001:db8::/129")]
    public void RejectsWhatIsNotAPrefix(string text) => Assert.False(Prefix.TryParse(text, out _));
}
