using System.Text.RegularExpressions;
using Grid.Silo.Metrics;
using Grid.Testing.Processes;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Metrics;

/// <summary>The exposition writer's escaping, and the bound on AS series that Grid:Metrics sets.</summary>
public sealed partial class ExpositionTests
{
    [Fact]
    public void LabelValuesEscapeBackslashQuoteAndNewlineAndFamiliesStayTogether()
    {
        var writer = new ExpositionWriter().Family("grid_x", "gauge", "Help with a \\ and a\nnewline.").Sample(1.5, ("name", "a\"b\\c\nd"));

        Assert.Equal("# HELP grid_x Help with a \\\\ and a\\nnewline.\n# TYPE grid_x gauge\ngrid_x{name=\"a\\\"b\\\\c\\nd\"} 1.5\n", writer.ToString());
        Assert.Throws<InvalidOperationException>(() => writer.Family("grid_x", "gauge", "again"));
    }

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

    [GeneratedRegex("^grid_entity_level\\{kind=\"as\",asn=\"(\\d+)\"", RegexOptions.Multiline)]
    private static partial Regex AsLevel();
}
