using Grid.Grains.Detection;
using Grid.Grains.Entities;
using Grid.Grains.Tests.Alerts;
using Grid.Testing.Processes;

namespace Grid.Grains.Tests.Entities;

/// <summary>
/// While a new collector rebuilds the table, a country's visible space climbs from zero; the
/// entity must not read that as an outage (Grid.Grains.Visibility.VisibilityEpoch).
/// </summary>
public sealed class RebuildHoldTests
{
    private const int Slash24sPerSlash16 = 256;
    private static readonly DateTimeOffset Start = new(2020, 8, 8, 6, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>A day of 40 visible /16s under epoch 1; then epoch 2 starts rebuilding with only 10 of them.</summary>
    private static async Task<ICountryGrain> DayThenPartialRebuildAsync(AlertSilo silo, bool rebuilding)
    {
        await silo.SetVisibleAsync("BY", 40, 0, Start, epoch: 1);
        await silo.SetVisibleAsync("BY", 40, 40, Start.AddDays(1), epoch: 1);
        await silo.SetVisibleAsync("BY", 10, 0, Start.AddDays(1).AddMinutes(1), epoch: 2, rebuilding);
        await silo.SetVisibleAsync("BY", 10, 10, Start.AddDays(1).AddHours(2), epoch: 2, rebuilding);
        return silo.Grains.GetGrain<ICountryGrain>("BY");
    }

    [Fact]
    public async Task NoWarningWhileTheNewCollectorRebuildsAndTheCountEndsWhereItWas()
    {
        await using var silo = await AlertSilo.StartAsync();
        var country = await DayThenPartialRebuildAsync(silo, rebuilding: true);

        // Two hours of a quarter-built table: held, so still normal, with no point recorded.
        Assert.Equal(DetectionLevel.Normal, (await country.Status()).Level);

        // The table is complete (End-of-RIB): the counts are readings again.
        await silo.SetVisibleAsync("BY", 40, 10, Start.AddDays(1).AddHours(2).AddMinutes(1), epoch: 2, rebuilding: false);
        silo.Clock.Observe(Start.AddDays(1).AddHours(4));
        await silo.SetVisibleAsync("BY", 40, 40, Start.AddDays(1).AddHours(4), epoch: 2);

        var status = await country.Status();
        Assert.Equal(DetectionLevel.Normal, status.Level);
        Assert.Equal(40 * Slash24sPerSlash16, status.Signals[SignalNames.Bgp].Value);
        Assert.Empty(await country.Events());
        var history = await country.History(Start.AddDays(1), Start.AddDays(1).AddHours(4), TimeSpan.FromMinutes(1));
        Assert.All(history.Signals[SignalNames.Bgp], point => Assert.Equal(40 * Slash24sPerSlash16, point.Value));
    }

    [Fact]
    public async Task WithoutTheHoldTheSameQuarterBuiltTableReadsAsACriticalOutage()
    {
        // The control for the test above: the same deltas, but marked as a finished table.
        await using var silo = await AlertSilo.StartAsync();
        var country = await DayThenPartialRebuildAsync(silo, rebuilding: false);

        Assert.Equal(DetectionLevel.Critical, (await country.Status()).Level);
    }

    [Fact]
    public async Task AFeedThatNeverSaysLoadedIsTrustedAfterTheGrace()
    {
        await using var silo = await AlertSilo.StartAsync(new Dictionary<string, string?> { ["Grid:Visibility:EpochGrace"] = "00:00:01" });
        var country = await DayThenPartialRebuildAsync(silo, rebuilding: true);
        Assert.Equal(DetectionLevel.Normal, (await country.Status()).Level);

        // After the grace, the entity's tick records what it has: 10 /16s from the last held delta on.
        await Poll.UntilAsync("the hold ended", async () =>
        {
            var history = await country.History(Start.AddDays(1).AddHours(2), Start.AddDays(1).AddHours(2).AddMinutes(1), TimeSpan.FromMinutes(1));
            return history.Signals[SignalNames.Bgp].Any(p => p.Value == 10 * Slash24sPerSlash16);
        }, Wait);
    }

    [Fact]
    public async Task AStaleEpochsDeltaChangesNothing()
    {
        await using var silo = await AlertSilo.StartAsync();
        await silo.SetVisibleAsync("BY", 40, 0, Start, epoch: 2);
        await silo.SetVisibleAsync("BY", 0, 40, Start.AddMinutes(5), epoch: 1);

        Assert.Equal(40 * Slash24sPerSlash16, (await silo.Grains.GetGrain<ICountryGrain>("BY").Status()).Signals[SignalNames.Bgp].Value);
    }
}
