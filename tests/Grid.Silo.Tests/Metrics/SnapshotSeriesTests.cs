using System.Text;
using Grid.Grains.Entities;
using Grid.Silo.Metrics;
using Prometheus;

namespace Grid.Silo.Tests.Metrics;

/// <summary>
/// Per-scrape snapshots on a real prometheus-net registry: a label set not written again (a grain
/// that moved to another silo) disappears from the next scrape, and two label shapes share a family.
/// </summary>
public sealed class SnapshotSeriesTests
{
    [Fact]
    public async Task ALabelSetNotWrittenAgainLeavesTheNextScrape()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var series = new SnapshotSeries<Gauge.Child>(Prometheus.Metrics.WithCustomRegistry(registry).CreateGauge("grid_test_level", "Test.", "kind", "country"));

        series.Begin();
        series.Mark("country", "BY").Set(2);
        series.Mark("country", "KZ").Set(0);
        series.RemoveUnmarked();
        var first = await ScrapeAsync(registry);
        series.Begin();
        series.Mark("country", "KZ").Set(1);
        series.RemoveUnmarked();
        var second = await ScrapeAsync(registry);

        Assert.Contains("grid_test_level{kind=\"country\",country=\"BY\"} 2\n", first, StringComparison.Ordinal);
        Assert.DoesNotContain("country=\"BY\"", second, StringComparison.Ordinal);
        Assert.Contains("grid_test_level{kind=\"country\",country=\"KZ\"} 1\n", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CountryAndAsSeriesShareOneFamilyAndPassPromtool()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var family = new EntityFamily(Prometheus.Metrics.WithCustomRegistry(registry), "grid_entity_level", "Detection level.");
        var belarus = new EntityStatus("BY", EntityKind.Country, "Belarus", "BY", Grid.Grains.Detection.DetectionLevel.Critical, new Dictionary<string, SignalStatus>(), null, true);

        family.Begin();
        family.Set(belarus, 2);
        family.Set(belarus with { Code = "AS6697", Kind = EntityKind.As }, 1);
        family.RemoveUnmarked();
        var text = await ScrapeAsync(registry);
        var check = await Promtool.CheckMetricsAsync(text);

        Assert.Contains("grid_entity_level{kind=\"country\",country=\"BY\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("grid_entity_level{kind=\"asn\",asn=\"6697\",country=\"BY\"} 1\n", text, StringComparison.Ordinal);
        Assert.Equal(1, text.Split('\n').Count(l => l.StartsWith("# TYPE grid_entity_level ", StringComparison.Ordinal)));
        Assert.True(check.ExitCode == 0 && check.Output.Trim() == "", check.Output);
    }

    internal static async Task<string> ScrapeAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
