using System.Text.Json;
using Grid.Testing.Silo;

namespace Grid.Cli.Tests.Api;

[Collection(DemoSiloCollection.Name)]
public sealed class StatusCommandTests(DemoSilo silo)
{
    [Fact]
    public async Task StatusListsEveryDemoCountryWithItsNameInOnePlainRowEach()
    {
        var result = await GridAgainst.RunAsync(silo, "status");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("BGP / baseline", result.StandardOutput, StringComparison.Ordinal);
        foreach (var (code, name) in new[] { ("AZ", "Azerbaijan"), ("BY", "Belarus"), ("KZ", "Kazakhstan"), ("MM", "Myanmar") })
        {
            var row = result.StandardOutput.Split('\n').Single(line => line.Contains($" {code} ", StringComparison.Ordinal));
            Assert.Contains(name, row, StringComparison.Ordinal);
        }

        // Piped output carries no colour or cursor codes.
        Assert.DoesNotContain('\u001b', result.StandardOutput);
    }

    [Fact]
    public async Task StatusOfOneCountryShowsEachSignalWithItsHistory()
    {
        var result = await GridAgainst.RunAsync(silo, "status", "by");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("BY Belarus", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("history", result.StandardOutput, StringComparison.Ordinal);
        var bgp = result.StandardOutput.Split('\n').Single(line => line.Contains(" bgp ", StringComparison.Ordinal));
        Assert.Contains("█", bgp, StringComparison.Ordinal);
        Assert.Contains(result.StandardOutput.Split('\n'), line => line.Contains(" probes ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RegionsOnAServerWithoutRegionDataSayHowToTurnThemOn()
    {
        var result = await GridAgainst.RunAsync(silo, "status", "BY", "--regions");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("BY Belarus", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("has no region data: run `grid geo fetch --regions`", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonOutputIsTheServersStatusForScripts()
    {
        var all = await GridAgainst.RunAsync(silo, "status", "--json");
        var one = await GridAgainst.RunAsync(silo, "status", "KZ", "--json");

        Assert.True(all.ExitCode == 0, all.Output);
        using var list = JsonDocument.Parse(all.StandardOutput);
        Assert.Equal(DemoSilo.Countries, list.RootElement.EnumerateArray().Select(c => c.GetProperty("code").GetString()).Order());
        Assert.True(one.ExitCode == 0, one.Output);
        using var country = JsonDocument.Parse(one.StandardOutput);
        Assert.Equal("Kazakhstan", country.RootElement.GetProperty("name").GetString());
        Assert.True(country.RootElement.GetProperty("signals").GetProperty("bgp").GetProperty("value").GetInt64() > 0);
    }

    [Fact]
    public async Task UnknownCountryFailsWithTheServersExplanation()
    {
        var result = await GridAgainst.RunAsync(silo, "status", "ZZ");

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.StandardOutput);
        Assert.Contains("grid: 404 Unknown country: No country 'ZZ' is known", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedCountryIsAUsageErrorWithAnExample()
    {
        var result = await GridAgainst.RunAsync(silo, "status", "Belarus");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'Belarus' is not a two-letter ISO 3166-1 country code; use e.g. BY", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownLevelIsAUsageErrorNamingTheLevels()
    {
        var result = await GridAgainst.RunAsync(silo, "status", "--level", "dark");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--level must be one of unknown, normal, warning, critical, not 'dark'", result.StandardError, StringComparison.Ordinal);
    }
}
