using System.Text.RegularExpressions;
using Grid.Testing.Processes;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Metrics;

/// <summary>The bound on AS series that Grid:Metrics sets, on a demo silo's real scrape.</summary>
public sealed partial class AsSeriesBoundTests
{
    [Fact]
    public async Task WatchedAsesComeFirstAndMaxAsSeriesBoundsTheAsesExported()
    {
        await using var silo = await SiloProcess.StartAsync(["--demo"], new Dictionary<string, string?>
        {
            ["Grid__Metrics__MaxAsSeries"] = "2",
            ["Grid__Metrics__WatchedAsns__0"] = "65104",
        });
        var asns = new HashSet<string>();
        await Poll.UntilAsync("AS series are exported", async () =>
        {
            var metrics = await silo.Http.GetStringAsync("/metrics");
            asns = [.. AsLevel().Matches(metrics).Select(m => m.Groups[1].Value)];
            return asns.Count >= 2 && metrics.Contains("grid_entity_level{kind=\"country\",country=\"MM\"}", StringComparison.Ordinal);
        }, TimeSpan.FromMinutes(1));

        // The demo's four ASes are the same size, so after the watched one the lowest AS number wins.
        Assert.Equal(["65101", "65104"], asns.Order(StringComparer.Ordinal));
    }

    [GeneratedRegex("^grid_entity_level\\{kind=\"asn\",asn=\"(\\d+)\"", RegexOptions.Multiline)]
    private static partial Regex AsLevel();
}
