using Grid.Grains.Detection;
using Grid.Grains.Entities;
using Grid.Grains.Visibility;
using Grid.Testing.Postgres;
using Grid.Testing.Processes;

namespace Grid.Grains.Tests.Hosting;

/// <summary>
/// A country's history, detection state and open event are grain state in PostgreSQL: the whole
/// cluster stops, a new one starts on the same database, and the country reads back as it was.
/// </summary>
public sealed class StateSurvivesRestartTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const int Slash24sPerSlash16 = 256;
    private static readonly DateTimeOffset Start = new(2019, 11, 15, 6, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>The 100.0.0.0/8 shard's count of IR: <paramref name="slash16s"/> visible /16s.</summary>
    private static ShardVisibility Slash16s(int slash16s, long version, DateTimeOffset at) =>
        new("100.0.0.0/8", Epoch: 0, version, at, slash16s * Slash24sPerSlash16, slash16s, Loaded: true, []);

    [Fact]
    public async Task ACountrysHistoryAndOpenEventReadBackAfterTheWholeClusterRestarts()
    {
        var database = await postgres.CreateDatabaseAsync("restart");
        var serviceId = $"grid-restart-{Guid.NewGuid():n}";
        var settings = new Dictionary<string, string?> { ["Grid:Detection:Tick"] = "00:00:00.200" };
        EntityStatus before;
        SignalHistory history;
        OutageEvent[] events;
        await using (var first = await GridTestCluster.StartAsync(2, settings, database, serviceId))
        {
            var iran = first.Grains.GetGrain<ICountryGrain>("IR");
            await iran.ReportVisibility(Slash16s(60, 1, Start));
            await iran.ReportVisibility(Slash16s(10, 2, Start.AddDays(1)));
            first.Clock.Observe(Start.AddDays(1).AddHours(1));
            await Poll.UntilAsync("IR is critical with an open event", async () => (await iran.Status()) is { Level: DetectionLevel.Critical, OpenEvent: not null }, Wait);
            before = await iran.Status();
            history = await iran.History(Start, Start.AddDays(1).AddHours(1), TimeSpan.FromHours(1));
            events = await iran.Events();
        }

        await using var second = await GridTestCluster.StartAsync(2, settings, database, serviceId, createSchema: false);
        var restored = second.Grains.GetGrain<ICountryGrain>("IR");
        var after = await restored.Status();

        Assert.Equal(DetectionLevel.Critical, after.Level);
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
        Assert.NotNull(after.OpenEvent);
        Assert.Equal(before.OpenEvent!.Id, after.OpenEvent.Id);
        Assert.Equal(Start.AddDays(1), after.OpenEvent.Start);
        Assert.Equal(DetectionLevel.Critical, after.OpenEvent.Level);
        // The shard counts are grain state too.
        Assert.Equal(10 * Slash24sPerSlash16, after.Signals[SignalNames.Bgp].Value);
        Assert.Equal(before.Signals[SignalNames.Bgp].Baseline, after.Signals[SignalNames.Bgp].Baseline);

        var historyAfter = await restored.History(Start, Start.AddDays(1).AddHours(1), TimeSpan.FromHours(1));
        Assert.Equal(history.Signals[SignalNames.Bgp], historyAfter.Signals[SignalNames.Bgp]);
        Assert.Equal(60 * Slash24sPerSlash16, historyAfter.Signals[SignalNames.Bgp][0].Value);
        Assert.Equal(10 * Slash24sPerSlash16, historyAfter.Signals[SignalNames.Bgp][^1].Value);
        Assert.Equal(events.Select(e => (e.Id, e.Start, e.Level, e.IsOpen)), (await restored.Events()).Select(e => (e.Id, e.Start, e.Level, e.IsOpen)));
    }
}
