using System.Net.Http.Headers;
using Grid.Grains.Alerts;
using Grid.Testing.Processes;
using Grid.Testing.Web;

namespace Grid.Grains.Tests.Alerts;

/// <summary>
/// The handler every webhook goes through, against a real TCP listener on loopback: the address is
/// judged where the connection is made, so a refused one is never connected to.
/// </summary>
public sealed class WebhookConnectorTests
{
    [Fact]
    public async Task ARefusedAddressIsNeverConnectedTo()
    {
        await using var target = BlackholeReceiver.Start();
        using var http = new HttpClient(WebhookConnector.CreateHandler(new AlertOptions { AllowedPorts = "1-65535" }));

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(target.Url, Body()));

        var refused = Assert.IsType<WebhookTargetRefusedException>(failure.InnerException);
        Assert.Contains("127.0.0.1", refused.Message, StringComparison.Ordinal);
        Assert.Contains("loopback", refused.Message, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        Assert.Equal(0, target.Accepted);
    }

    [Fact]
    public async Task APortOutsideTheAllowedOnesIsNeverConnectedTo()
    {
        await using var target = BlackholeReceiver.Start();
        using var http = new HttpClient(WebhookConnector.CreateHandler(new AlertOptions { AllowPrivateTargets = true }));

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(target.Url, Body()));

        Assert.Contains("Grid:Alerts:AllowedPorts", Assert.IsType<WebhookTargetRefusedException>(failure.InnerException).Message, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        Assert.Equal(0, target.Accepted);
    }

    [Fact]
    public async Task WithPrivateTargetsAndThePortAllowedTheSameTargetIsConnectedTo()
    {
        await using var target = BlackholeReceiver.Start();
        var port = target.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var http = new HttpClient(WebhookConnector.CreateHandler(new AlertOptions { AllowPrivateTargets = true, AllowedPorts = port }))
        {
            Timeout = TimeSpan.FromSeconds(1),
        };

        // The blackhole never answers: the request times out, after the connection was made.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => http.PostAsync(target.Url, Body()));

        await Poll.UntilAsync("the connection was accepted", () => Task.FromResult(target.Accepted == 1), TimeSpan.FromSeconds(5));
    }

    private static StringContent Body() => new("{}", System.Text.Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}
