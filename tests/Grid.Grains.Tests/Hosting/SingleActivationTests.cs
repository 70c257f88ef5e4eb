using Grid.Bgp.Model;
using Grid.Grains.Entities;

namespace Grid.Grains.Tests.Hosting;

/// <summary>
/// An entity grain has one activation in the cluster, and its calls take turns: the visible space
/// and the series of a country live only in that activation, so a second one, or two calls
/// interleaved inside one, would lose updates.
/// </summary>
public sealed class SingleActivationTests
{
    private const int CallsPerSilo = 100;
    private static readonly DateTimeOffset Start = new(2022, 9, 21, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ConcurrentVisibilityFromThreeSilosSumsExactlyInOneActivation()
    {
        await using var cluster = await GridTestCluster.StartAsync(silos: 3);
        Assert.Equal(3, cluster.Silos.Count);

        // Every silo sends its own /24s of 100.64.0.0/10, each in its own call, all at once.
        var calls = cluster.Silos.SelectMany((silo, s) => Enumerable.Range(0, CallsPerSilo).Select(i =>
        {
            var prefix = Prefix.Parse($"100.{64 + s}.{i}.0/24");
            return GridTestCluster.GrainsOn(silo).GetGrain<ICountryGrain>("IR")
                .ApplyVisibility(new VisibilityDelta(Start, [new PrefixDelta(prefix, 1, 64500)]));
        }));
        await Task.WhenAll(calls);

        var status = await cluster.Grains.GetGrain<ICountryGrain>("IR").Status();
        Assert.Equal(3 * CallsPerSilo, status.Signals[SignalNames.Bgp].Value);
        var holders = cluster.ActiveKeys("country").Where(silo => silo.Value.Contains("IR")).Select(silo => silo.Key).ToList();
        Assert.Single(holders);

        // Withdrawals from the other silos meet the same space: every one of them lands.
        var withdrawals = cluster.Silos.SelectMany((silo, s) => Enumerable.Range(0, CallsPerSilo / 2).Select(i =>
        {
            var prefix = Prefix.Parse($"100.{64 + ((s + 1) % 3)}.{i}.0/24");
            return GridTestCluster.GrainsOn(silo).GetGrain<ICountryGrain>("IR")
                .ApplyVisibility(new VisibilityDelta(Start.AddMinutes(1), [new PrefixDelta(prefix, -1, 64500)]));
        }));
        await Task.WhenAll(withdrawals);
        Assert.Equal(3 * CallsPerSilo / 2, (await cluster.Grains.GetGrain<ICountryGrain>("IR").Status()).Signals[SignalNames.Bgp].Value);
    }

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
