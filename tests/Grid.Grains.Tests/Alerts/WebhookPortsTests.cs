using Grid.Grains.Alerts;

namespace Grid.Grains.Tests.Alerts;

public sealed class WebhookPortsTests
{
    [Fact]
    public void OnlyWebPortsAreAllowedUnlessConfigured()
    {
        var ports = WebhookPorts.Parse(null);

        Assert.True(ports.Allows(80));
        Assert.True(ports.Allows(443));
        Assert.False(ports.Allows(6379));
        Assert.False(ports.Allows(8080));
        Assert.False(ports.Allows(22));
    }

    [Fact]
    public void ConfiguredPortsAndRangesAreAllowed()
    {
        var ports = WebhookPorts.Parse("443, 8000-8999");

        Assert.True(ports.Allows(443));
        Assert.True(ports.Allows(8000));
        Assert.True(ports.Allows(8999));
        Assert.False(ports.Allows(80));
        Assert.False(ports.Allows(9000));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("90-80")]
    [InlineData("http")]
    [InlineData("80-90-100")]
    [InlineData(",")]
    public void AMalformedSettingIsRefusedWithWhatToWrite(string text)
    {
        Assert.False(WebhookPorts.TryParse(text, out _, out var problem));
        Assert.Contains("Grid:Alerts:AllowedPorts", problem, StringComparison.Ordinal);
    }
}
