using Grid.Grains.Entities;
using Grid.Grains.Visibility;

namespace Grid.Grains.Tests.Hosting;

/// <summary>
/// An entity grain has one activation in the cluster, and its calls take turns: the shard counts
/// and the series of a country live in that activation, so a second one, or two calls interleaved
/// inside one, would lose updates.
/// </summary>
public sealed class SingleActivationTests
{
    private const int CallsPerSilo = 80;
    private static readonly DateTimeOffset Start = new(2022, 9, 21, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ConcurrentVisibilityFromThreeSilosSumsExactlyInOneActivation()
    {
        await using var cluster = await GridTestCluster.StartAsync(silos: 3);
        Assert.Equal(3, cluster.Silos.Count);

        // Every silo sends the counts of its own 80 shards (one /24 each), each in its own call, all at once.
        var calls = cluster.Silos.SelectMany((silo, s) => Enumerable.Range(0, CallsPerSilo).Select(i =>
            GridTestCluster.GrainsOn(silo).GetGrain<ICountryGrain>("IR").ReportVisibility(Report(s * CallsPerSilo + i, version: 1, blocks: 1, Start))));
        await Task.WhenAll(calls);

        var status = await cluster.Grains.GetGrain<ICountryGrain>("IR").Status();
        Assert.Equal(3 * CallsPerSilo, status.Signals[SignalNames.Bgp].Value);
        var holders = cluster.ActiveKeys("country").Where(silo => silo.Value.Contains("IR")).Select(silo => silo.Key).ToList();
        Assert.Single(holders);

        // Half the shards, from the other silos, say their /24 is gone: every one of them lands.
        var withdrawals = cluster.Silos.SelectMany((silo, s) => Enumerable.Range(0, CallsPerSilo / 2).Select(i =>
            GridTestCluster.GrainsOn(silo).GetGrain<ICountryGrain>("IR").ReportVisibility(Report(((s + 1) % 3 * CallsPerSilo) + i, version: 2, blocks: 0, Start.AddMinutes(1)))));
        await Task.WhenAll(withdrawals);
        Assert.Equal(3 * CallsPerSilo / 2, (await cluster.Grains.GetGrain<ICountryGrain>("IR").Status()).Signals[SignalNames.Bgp].Value);
    }

    private static ShardVisibility Report(int shard, long version, long blocks, DateTimeOffset at) =>
        new(ShardMap.KeyAt(shard), Epoch: 0, version, at, blocks, (int)blocks, Loaded: true, []);

    [Fact]
    public async Task ConcurrentSignalRecordsFromThreeSilosAreAllKept()
    {
        await using var cluster = await GridTestCluster.StartAsync(silos: 3);

        // Each silo records its own signal, minute after minute, while the others do the same.
        var recorders = cluster.Silos.Select(async (silo, s) =>
        {
            var grain = GridTestCluster.GrainsOn(silo).GetGrain<ICountryGrain>("KZ");
            for (var i = 0; i < CallsPerSilo; i++)
            {
                await grain.RecordSignal($"vantage-{s}", Start.AddMinutes(i), 1_000 + i);
            }
        });
        await Task.WhenAll(recorders);

        var history = await cluster.Grains.GetGrain<ICountryGrain>("KZ").History(Start, Start.AddMinutes(CallsPerSilo - 1), TimeSpan.FromMinutes(1));
        for (var s = 0; s < 3; s++)
        {
            Assert.Equal(Enumerable.Range(0, CallsPerSilo).Select(i => 1_000L + i), history.Signals[$"vantage-{s}"].Select(p => p.Value));
        }

        Assert.Single(cluster.ActiveKeys("country"), silo => silo.Value.Contains("KZ"));
    }
}
