using System.Diagnostics.Metrics;
using Grid.Silo.Metrics;
using Prometheus;

namespace Grid.Silo.Tests.Metrics;

/// <summary>
/// Orleans' meter reaches the silo's own registry through prometheus-net's MeterAdapter, and its
/// shape (the instrument kinds and names Orleans 10 publishes) passes real <c>promtool check metrics</c>.
/// The silo does not run Orleans yet, so a meter of Orleans' name stands in for it here.
/// </summary>
public sealed class OrleansMetersTests
{
    [Fact]
    public async Task TheOrleansMeterIsExportedIntoTheSilosRegistryOnlyAndPassesPromtool()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        using var orleans = new OrleansMeters(registry);
        using var meter = new Meter(OrleansMeters.MeterName);
        using var other = new Meter("Grid.Tests.NotOrleans");
        // Meters are process-wide: a silo hosted in this test process (other tests run beside this one)
        // publishes the same instrument names, so this test's measurements carry a label of their own.
        var run = new KeyValuePair<string, object?>("test.run", Guid.NewGuid().ToString("N")[..8]);
        var label = $"test_run=\"{run.Value}\"";
        meter.CreateUpDownCounter<int>("orleans-catalog-activations").Add(5, new KeyValuePair<string, object?>("grain.type", "country"), run);
        meter.CreateCounter<long>("orleans-messaging-sent-local").Add(12, run);
        meter.CreateHistogram<double>("orleans-app-requests-latency", unit: "ms").Record(3.5, run);
        other.CreateCounter<long>("not-orleans").Add(1);

        var text = await SnapshotSeriesTests.ScrapeAsync(registry);
        var check = await Promtool.CheckMetricsAsync(text);

        Assert.Contains($"microsoft_orleans_orleans_catalog_activations{{grain_type=\"country\",{label}}} 5\n", text, StringComparison.Ordinal);
        Assert.Contains($"microsoft_orleans_orleans_messaging_sent_local{{{label}}} 12\n", text, StringComparison.Ordinal);
        Assert.Contains($"microsoft_orleans_orleans_app_requests_latency_count{{{label}}} 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("not_orleans", text, StringComparison.Ordinal);
        Assert.DoesNotContain("microsoft_orleans", await SnapshotSeriesTests.ScrapeAsync(Prometheus.Metrics.NewCustomRegistry()), StringComparison.Ordinal);
        Assert.True(check.ExitCode == 0 && check.Output.Trim() == "", check.Output);
    }
}
