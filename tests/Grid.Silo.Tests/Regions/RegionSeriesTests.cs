using Grid.Silo.Tests.Api;
using Grid.Silo.Tests.Metrics;
using Grid.Testing.Data;
using Grid.Testing.Processes;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Regions;

/// <summary>
/// Region series on a real silo's <c>/metrics</c> after signals are POSTed for DB-IP's regions:
/// labelled <c>kind="region"</c>, <c>country</c> and <c>region</c>, and bounded by Grid:Metrics.
/// </summary>
public sealed class RegionSeriesTests
{
    private static readonly DateTimeOffset Start = new(2021, 2, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RegionSeriesCarryTheirCountryAndRegionAndTheBoundExportsWatchedCountriesFirst()
    {
        var belarus = RegionWorld.RegionsOf("BY", 4);
        var kazakhstan = RegionWorld.RegionsOf("KZ", 1)[0];
        await using var silo = await SiloProcess.StartAsync([], ApiSilo.Settings(new Dictionary<string, string?>
        {
            ["Grid__Feeds__RisLive__Enabled"] = "false",
            ["Grid__Geo__Regions"] = SharedData.RegionDatabaseDirectory,
            ["Grid__Metrics__MaxRegionSeries"] = "3",
            ["Grid__Metrics__WatchedRegionCountries__0"] = "kz",
            ["Grid__Metrics__RegionRankRefresh"] = "00:00:02",
        }));

        // Six hours of probes for each region; KZ's is the smallest, yet its country is watched.
        await RegionWorld.PostAsync(silo.Http, belarus.Append(kazakhstan).SelectMany((region, i) =>
            Enumerable.Range(0, 6).Select(hour => (Start.AddHours(hour), RegionWorld.Location(region), "probes", 100L - (region == kazakhstan ? 50 : i)))));

        string metrics = "";
        await Poll.UntilAsync("three region series are exported", async () =>
        {
            metrics = await silo.Http.GetStringAsync("/metrics");
            return metrics.Split('\n').Count(l => l.StartsWith("grid_entity_level{kind=\"region\"", StringComparison.Ordinal)) == 3;
        }, TimeSpan.FromSeconds(30));

        // Watched KZ first; then the BY regions by visible /24s (none: no routes here), then by code.
        foreach (var (region, probes) in new[] { (kazakhstan, 50), (belarus[0], 100), (belarus[1], 99) })
        {
            var labels = $"kind=\"region\",country=\"{region.Country}\",region=\"{region.Code}\"";
            Assert.Contains($"grid_probe_up_slash24{{{labels}}} {probes}\n", metrics, StringComparison.Ordinal);
            Assert.Contains($"grid_entity_level{{{labels}}} ", metrics, StringComparison.Ordinal);
        }

        Assert.DoesNotContain($"region=\"{belarus[2].Code}\"", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain($"region=\"{belarus[3].Code}\"", metrics, StringComparison.Ordinal);
        var lint = await Promtool.CheckMetricsAsync(metrics);
        Assert.True(lint.ExitCode == 0, lint.Output);
    }

    [Fact]
    public async Task MaxRegionSeriesZeroExportsNoRegion()
    {
        var region = RegionWorld.RegionsOf("BY", 1)[0];
        await using var silo = await SiloProcess.StartAsync([], ApiSilo.Settings(new Dictionary<string, string?>
        {
            ["Grid__Feeds__RisLive__Enabled"] = "false",
            ["Grid__Geo__Regions"] = SharedData.RegionDatabaseDirectory,
            ["Grid__Metrics__MaxRegionSeries"] = "0",
        }));

        await RegionWorld.PostAsync(silo.Http, Enumerable.Range(0, 6).Select(hour => (Start.AddHours(hour), RegionWorld.Location(region), "probes", 100L)));
        await RegionWorld.PostAsync(silo.Http, Enumerable.Range(0, 6).Select(hour => (Start.AddHours(hour), "country/BY", "probes", 100L)));

        var metrics = "";
        await Poll.UntilAsync("BY's country series is exported", async () =>
        {
            metrics = await silo.Http.GetStringAsync("/metrics");
            return metrics.Contains("grid_probe_up_slash24{kind=\"country\",country=\"BY\"} 100", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(30));
        Assert.DoesNotContain("kind=\"region\"", metrics, StringComparison.Ordinal);
    }
}
