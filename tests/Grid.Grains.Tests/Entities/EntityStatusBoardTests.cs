using Grid.Grains.Entities;
using Grid.Grains.Hosting;
using Grid.Grains.Tests.Hosting;
using Grid.Grains.Visibility;
using Grid.Testing.Processes;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Grains.Tests.Entities;

/// <summary>
/// The status board on a real Orleans silo: an entity's version moves with every call that may
/// change its status and with its detection tick, stands while only its status is read, and the
/// entity leaves the board when it deactivates, so the API's copy of a status is never older than the grain.
/// </summary>
public sealed class EntityStatusBoardTests
{
    private static readonly DateTimeOffset Start = new(2021, 2, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TheVersionMovesWithEveryChangeAndStandsWhileTheStatusIsOnlyRead()
    {
        // A long tick: no timer moves the version while the reads are compared.
        await using var cluster = await GridTestCluster.StartAsync(1, new Dictionary<string, string?> { ["Grid:Detection:Tick"] = "01:00:00" });
        var board = GridTestCluster.ServicesOf(cluster.Primary).GetRequiredService<EntityStatusBoard>();
        var country = cluster.Grains.GetGrain<ICountryGrain>("XA");

        Assert.False(board.TryGetVersion("XA", out _));
        var first = await country.Status();
        Assert.True(board.TryGetVersion("XA", out var activated));
        await country.Status();
        await country.History(Start, Start.AddHours(1), TimeSpan.FromMinutes(5));
        await country.Events();
        await country.OriginAsns();
        Assert.True(board.TryGetVersion("XA", out var afterReads));
        Assert.Equal(activated, afterReads);

        await country.ReportVisibility(new ShardVisibility("100.0.0.0/8", 0, 1, Start, 512, 2, Loaded: true, [64500]));
        Assert.True(board.TryGetVersion("XA", out var afterReport));
        Assert.True(afterReport > afterReads);
        Assert.NotEqual(first.Signals["bgp"].Value, (await country.Status()).Signals["bgp"].Value);

        await country.RecordSignal("probes", Start.AddMinutes(5), 40);
        Assert.True(board.TryGetVersion("XA", out var afterRecord));
        Assert.True(afterRecord > afterReport);

        await cluster.Cluster.DeactivateAsync(GrainId.Create("country", "XA"));
        await Poll.UntilAsync("XA left the board", () => Task.FromResult(!board.TryGetVersion("XA", out _)), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task TheDetectionTickMovesTheVersion()
    {
        await using var cluster = await GridTestCluster.StartAsync(1, new Dictionary<string, string?> { ["Grid:Detection:Tick"] = "00:00:00.200" });
        var board = GridTestCluster.ServicesOf(cluster.Primary).GetRequiredService<EntityStatusBoard>();
        await cluster.Grains.GetGrain<IAsGrain>("AS64500").ReportVisibility(new ShardVisibility("100.0.0.0/8", 0, 1, Start, 256, 1, Loaded: true, []));
        Assert.True(board.TryGetVersion("AS64500", out var reported));

        await Poll.UntilAsync("a tick moved AS64500's version", () => Task.FromResult(board.TryGetVersion("AS64500", out var now) && now > reported), TimeSpan.FromSeconds(30));
    }
}
