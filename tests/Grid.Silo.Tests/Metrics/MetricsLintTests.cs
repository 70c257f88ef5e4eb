using Grid.Testing.Processes;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Metrics;

/// <summary>
/// Issue 8's linting: a demo silo's <c>/metrics</c> passes <c>promtool check metrics</c>, and
/// k8s/prometheus passes <c>promtool check rules</c> and its own <c>promtool test rules</c> unit tests.
/// </summary>
public sealed class MetricsLintTests
{
    [Fact]
    public async Task ADemoSilosMetricsPassPromtoolCheckMetrics()
    {
        await using var silo = await SiloProcess.StartAsync(["--demo"]);
        string metrics = "";
        await Poll.UntilAsync("the demo's countries are exported", async () =>
        {
            metrics = await silo.Http.GetStringAsync("/metrics");
            return metrics.Contains("grid_bgp_visible_slash24{kind=\"country\",country=\"BY\"}", StringComparison.Ordinal)
                && metrics.Contains("grid_signal_ratio{", StringComparison.Ordinal);
        }, TimeSpan.FromMinutes(1));

        var check = await Promtool.CheckMetricsAsync(metrics);

        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Equal("", check.Output.Trim());
        foreach (var family in new[] { "grid_bgp6_visible_slash48", "grid_probe_up_slash24", "grid_signal_baseline", "grid_entity_level", "grid_election_watch", "grid_alert_deliveries", "grid_feed_messages_total", "microsoft_orleans_orleans_grains", "dotnet_gc_collections_total" })
        {
            Assert.Contains($"# TYPE {family} ", metrics, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheRulesPassPromtoolCheckRules()
    {
        var check = await Promtool.RunAsync("check", "rules", "rules.yml");

        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Contains("SUCCESS", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRulesPassTheirPromtoolUnitTests()
    {
        var test = await Promtool.RunAsync("test", "rules", "rules-test.yml");

        Assert.True(test.ExitCode == 0, test.Output);
        Assert.Contains("SUCCESS", test.Output, StringComparison.Ordinal);
    }
}
