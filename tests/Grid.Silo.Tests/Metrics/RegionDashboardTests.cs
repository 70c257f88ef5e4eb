using Grid.Silo.Tests.Api;
using Grid.Silo.Tests.Regions;
using Grid.Testing.Data;
using Grid.Testing.Mrt;
using Grid.Testing.Processes;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Metrics;

/// <summary>
/// The region dashboard (k8s/dashboards/grid-regions.json) against a real Prometheus scraping a
/// silo that replays routes to real Belarusian /24s, placed in their regions by DB-IP, of which one
/// region loses most; probes and a signal that drops are POSTed for a third region. Every panel
/// target and annotation must return data for <c>$country</c>=BY.
/// </summary>
public sealed class RegionDashboardTests
{
    private static readonly DateTimeOffset Start = new(2021, 2, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EveryRegionDashboardPanelReturnsDataFromARealPrometheus()
    {
        var regions = RegionWorld.RegionsOf("BY", 3);
        var routed = RegionWorld.Slash24sOf([regions[0], regions[1]], perRegion: 24);
        var (cut, kept) = (routed[regions[0].Code], routed[regions[1].Code]);
        using var directory = new TemporaryDirectory("grid-region-dashboard-");
        var geo = Directory.CreateDirectory(directory.PathOf("geo")).FullName;
        await File.WriteAllLinesAsync(Path.Combine(geo, "delegated-lab-extended-latest"),
            ["2|lab|20260101|2|19700101|20260101|+0000", .. cut.Concat(kept).Select(p => RegionWorld.DelegatedLine("BY", p))]);
        // A RIB a day old, then 20 of the first region's 24 /24s go. The update a minute after the RIB
        // starts the paced replay's clock.
        var (rib, updates) = await new MrtTimeline(("192.0.2.1", 64496), ("192.0.2.2", 64497))
            .Rib(Start.AddDays(-1), [.. cut, .. kept])
            .Announce(Start.AddDays(-1).AddMinutes(1), ["198.19.1.0/24"])
            .Withdraw(Start, cut.Skip(4))
            .WriteAsync(directory.Path);
        await using var silo = await SiloProcess.StartAsync(["--mrt", rib, updates, "--mrt-speed", "3600"], ApiSilo.Settings(new Dictionary<string, string?>
        {
            ["Grid__Geo__Dir"] = geo,
            ["Grid__Geo__Regions"] = SharedData.RegionDatabaseDirectory,
            ["Grid__Feeds__RisLive__Enabled"] = "false",
            ["Grid__Visibility__FullFeedIPv4Prefixes"] = "10",
            ["Grid__Detection__Tick"] = "00:00:01",
            ["Grid__Detection__Signals__answers__Like"] = "probes",
            ["Grid__Detection__Signals__answers__WarmUp"] = "1.00:00:00",
            ["Grid__Detection__Signals__answers__MinDuration"] = "02:00:00",
        }));
        // The third region, as an outside vantage point reports it: probes, and two days of answers
        // that fall to 3% for the last six hours, which holds it critical.
        var third = RegionWorld.Location(regions[2]);
        await RegionWorld.PostAsync(silo.Http, Enumerable.Range(-2, 9).Select(hour => (Start.AddHours(hour), third, "probes", 100L))
            .Concat(Enumerable.Range(-48, 55).Select(hour => (Start.AddHours(hour), third, "answers", hour >= 0 ? 3L : 100L))));
        await using var prometheus = await PrometheusServer.StartAsync(silo.BaseAddress.Authority, Path.Combine(Promtool.RulesDirectory, "rules.yml"), new Dictionary<string, string>
        {
            ["namespace"] = "grid",
            ["service"] = "grid-api",
        });

        var critical = $"grid_entity_level{{kind=\"region\",country=\"BY\",region=\"{regions[2].Code}\"}} == 2";
        await Poll.UntilAsync("the cut region's /24s, the third region critical with its probes, scraped", async () =>
            (await prometheus.QueryAsync(critical)).Results > 0
            && (await prometheus.QueryAsync($"grid_bgp_visible_slash24{{kind=\"region\",region=\"{regions[0].Code}\"}} == 4")).Results > 0
            && (await prometheus.QueryAsync($"grid_bgp_visible_slash24{{kind=\"region\",region=\"{regions[1].Code}\"}} == 24")).Results > 0
            && (await prometheus.QueryAsync($"grid_probe_up_slash24{{kind=\"region\",region=\"{regions[2].Code}\"}} == 100")).Results > 0
            && (await prometheus.QueryAsync("count_over_time(up{job=\"grid\"}[1m]) >= 5")).Results > 0,
            TimeSpan.FromMinutes(2));

        var expressions = DashboardQueries.Dashboards(file => file == DashboardQueries.RegionDashboard).ToList();
        var empty = new List<string>();
        foreach (var (where, expr) in expressions)
        {
            var promql = DashboardQueries.Substitute(expr, new Dictionary<string, string> { ["country"] = "BY" });
            var (status, results, body) = await prometheus.QueryAsync(promql);
            if (status != "success" || results == 0)
            {
                empty.Add($"{where}: {promql} → {status}, {results} results: {body}");
            }
        }

        Assert.True(expressions.Count >= 7, $"only {expressions.Count} expressions found");
        Assert.True(empty.Count == 0, string.Join('\n', empty));
        // The panel shows each region as its own series: the two routed and the probed one (at 0 /24s).
        Assert.Equal(3, (await prometheus.QueryAsync("max by (region) (grid_bgp_visible_slash24{kind=\"region\",country=\"BY\"})")).Results);
    }
}
