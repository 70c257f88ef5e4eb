using Grid.Testing.Processes;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Metrics;

/// <summary>
/// Issue 8's integration test: a real Prometheus scrapes a demo silo every second and evaluates
/// Grid's rules; then every PromQL expression of every dashboard panel and every rule returns data.
/// </summary>
public sealed class PrometheusScrapeTests
{
    private static readonly Dictionary<string, string> Variables = new(StringComparer.Ordinal)
    {
        // Longest first, so $__rate_interval is not read as $__rate followed by text.
        ["__rate_interval"] = "30s",
        ["__interval"] = "30s",
        ["namespace"] = "grid",
        ["country"] = "BY",
        ["asn"] = "65101",
    };

    [Fact]
    public async Task EveryDashboardPanelAndRuleReturnsDataFromARealPrometheusScrapingTheDemo()
    {
        await using var silo = await SiloProcess.StartAsync(["--demo"], new Dictionary<string, string?>
        {
            ["Grid__Demo__WarmUp"] = "00:00:40",
            // BY stays dark for the rest of the test, so the critical alert's expression has data.
            ["Grid__Demo__Outage"] = "00:10:00",
        });
        var rules = Path.Combine(Promtool.RulesDirectory, "rules.yml");
        await using var prometheus = await PrometheusServer.StartAsync(silo.BaseAddress.Authority, rules, new Dictionary<string, string>
        {
            ["namespace"] = "grid",
            ["service"] = "grid-api",
        });

        await Poll.UntilAsync("several scrapes, and BY critical with its alert delivered", async () =>
            (await prometheus.QueryAsync("count_over_time(up{job=\"grid\"}[1m]) >= 5")).Results > 0
            && (await prometheus.QueryAsync("grid:country_level:max{country=\"BY\"} == 2")).Results > 0
            && (await prometheus.QueryAsync("grid_alert_deliveries{status=\"sent\"} > 0")).Results > 0,
            TimeSpan.FromMinutes(3));
        // Rates over 30 s need 30 s of scrapes after the last series appeared.
        await Task.Delay(TimeSpan.FromSeconds(31));

        // The demo's world has no regions: RegionDashboardTests fill the region dashboard.
        var expressions = DashboardQueries.Dashboards(file => file != DashboardQueries.RegionDashboard).Concat(DashboardQueries.Rules(rules)).ToList();
        var empty = new List<string>();
        foreach (var (where, expr) in expressions)
        {
            var promql = DashboardQueries.Substitute(expr, Variables);
            var (status, results, body) = await prometheus.QueryAsync(promql);
            if (status != "success" || results == 0)
            {
                empty.Add($"{where}: {promql} → {status}, {results} results: {body}");
            }
        }

        Assert.True(expressions.Count >= 40, $"only {expressions.Count} expressions found");
        Assert.True(empty.Count == 0, string.Join('\n', empty));
    }
}
