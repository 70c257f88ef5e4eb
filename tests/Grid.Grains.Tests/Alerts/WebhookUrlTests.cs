using Grid.Grains.Alerts;

namespace Grid.Grains.Tests.Alerts;

public sealed class WebhookUrlTests
{
    private static readonly WebhookPorts WebPorts = WebhookPorts.Parse(null);

    [Fact]
    public void CredentialsInTheUrlAreRefused() =>
        Assert.Contains("credentials", WebhookUrl.Problem("https://user:pass@alerts.example.org/hook", WebPorts), StringComparison.Ordinal);

    [Fact]
    public void AUrlOverTwoKilobytesIsRefused()
    {
        Assert.Null(WebhookUrl.Problem("https://alerts.example.org/" + new string('a', WebhookUrl.MaxLength - 27), WebPorts));
        Assert.Contains("at most 2,048", WebhookUrl.Problem("https://alerts.example.org/" + new string('a', 100 * 1024), WebPorts), StringComparison.Ordinal);
    }

    [Fact]
    public void APortOutsideTheAllowedOnesIsRefusedWithTheSettingToChange()
    {
        var problem = WebhookUrl.Problem("http://alerts.example.org:6379/", WebPorts);

        Assert.Contains("6379", problem, StringComparison.Ordinal);
        Assert.Contains("Grid:Alerts:AllowedPorts", problem, StringComparison.Ordinal);
        Assert.Null(WebhookUrl.Problem("http://alerts.example.org:6379/", WebhookPorts.Parse("6379")));
    }

    [Theory]
    [InlineData("ftp://alerts.example.org/hook")]
    [InlineData("/hook")]
    [InlineData("file:///etc/passwd")]
    public void OnlyAbsoluteHttpAndHttpsUrlsAreTaken(string url) => Assert.Contains("http or https", WebhookUrl.Problem(url, WebPorts), StringComparison.Ordinal);

    [Theory]
    [InlineData("http://127.0.0.1:9/grid-cli-test", "http://127.0.0.1:9/grid-cli-test")]
    [InlineData("https://alerts.example.org", "https://alerts.example.org")]
    [InlineData("https://hooks.slack.com/services/T0001/B0002/abcdefghijklmnopqrstuvwx", "https://hooks.slack.com/services/***")]
    [InlineData("https://alerts.example.org/hook?token=s3cr3t&debug", "https://alerts.example.org/hook?token=***&***")]
    [InlineData("https://user:pass@alerts.example.org:8443/hook", "https://***@alerts.example.org:8443/hook")]
    [InlineData("http://[2001:db8::1]:8080/a/b#frag", "http://[2001:db8::1]:8080/a/***")]
    public void TheApiShowsTheHostAndFirstPathSegmentOnly(string url, string shown) => Assert.Equal(shown, WebhookUrl.Redact(url));
}
