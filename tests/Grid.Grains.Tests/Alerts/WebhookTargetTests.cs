using Grid.Grains.Alerts;

namespace Grid.Grains.Tests.Alerts;

/// <summary>The check a subscription passes when it is made: form, port, credentials, length, and every address.</summary>
public sealed class WebhookTargetTests
{
    private static readonly AlertOptions Strict = new();

    /// <summary>Finding 8 of issue 21: each of these was accepted; all are literal, so no DNS is asked.</summary>
    [Theory]
    [InlineData("http://[::127.0.0.1]/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://[64:ff9b::a9fe:a9fe]/latest/meta-data")]
    [InlineData("http://[2002:7f00:1::]/hook")]
    [InlineData("http://198.18.0.1/hook")]
    [InlineData("http://192.0.0.1/hook")]
    [InlineData("http://224.0.0.1/hook")]
    [InlineData("http://240.0.0.1/hook")]
    [InlineData("http://255.255.255.255/hook")]
    [InlineData("http://93.184.215.14:6379/")]
    [InlineData("http://user:pass@93.184.215.14/hook")]
    [InlineData("http://127.0.0.1/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    public async Task EachTargetOfTheSsrfFindingIsRefused(string url) => Assert.NotNull(await WebhookTarget.CheckAsync(url, Strict));

    [Fact]
    public async Task APublicAddressOnAWebPortIsTaken()
    {
        Assert.Null(await WebhookTarget.CheckAsync("https://93.184.215.14/hook", Strict));
        Assert.Null(await WebhookTarget.CheckAsync("http://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/hook", Strict));
    }

    [Fact]
    public async Task ALoopbackTargetIsTakenOnlyWhenPrivateTargetsAndItsPortAreAllowed()
    {
        var refused = await WebhookTarget.CheckAsync("http://127.0.0.1:8080/hook", new AlertOptions { AllowPrivateTargets = true });
        var loopback = await WebhookTarget.CheckAsync("http://127.0.0.1/hook", Strict);

        Assert.Contains("Grid:Alerts:AllowedPorts", refused, StringComparison.Ordinal);
        Assert.Contains("Grid:Alerts:AllowPrivateTargets", loopback, StringComparison.Ordinal);
        Assert.Null(await WebhookTarget.CheckAsync("http://127.0.0.1:8080/hook", new AlertOptions { AllowPrivateTargets = true, AllowedPorts = "8080" }));
        Assert.NotNull(await WebhookTarget.CheckAsync("http://localhost/hook", Strict));
    }

    [Fact]
    public void TheSignatureIsTheHmacSha256OfTheBodyInLowercaseHex()
    {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        Assert.Equal("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", WebhookBody.Sign("what do ya want for nothing?", "Jefe"));
    }
}
