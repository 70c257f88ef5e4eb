using System.Net;
using Grid.Grains.Alerts;

namespace Grid.Grains.Tests.Alerts;

public sealed class WebhookTargetTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("::ffff:10.0.0.1")]
    public void LoopbackPrivateAndLinkLocalAddressesArePrivate(string address) => Assert.True(WebhookTarget.IsPrivate(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2001:4860:4860::8888")]
    public void PublicAddressesAreNot(string address) => Assert.False(WebhookTarget.IsPrivate(IPAddress.Parse(address)));

    [Fact]
    public async Task ALoopbackTargetIsRefusedUnlessPrivateTargetsAreAllowed()
    {
        var refused = await WebhookTarget.CheckAsync("http://127.0.0.1:8080/hook", allowPrivate: false);

        Assert.Contains("Grid:Alerts:AllowPrivateTargets", refused, StringComparison.Ordinal);
        Assert.Null(await WebhookTarget.CheckAsync("http://127.0.0.1:8080/hook", allowPrivate: true));
        Assert.NotNull(await WebhookTarget.CheckAsync("ftp://example.org/hook", allowPrivate: true));
        Assert.NotNull(await WebhookTarget.CheckAsync("http://localhost/hook", allowPrivate: false));
    }

    [Fact]
    public void TheSignatureIsTheHmacSha256OfTheBodyInLowercaseHex()
    {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        Assert.Equal("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", WebhookBody.Sign("what do ya want for nothing?", "Jefe"));
    }
}
