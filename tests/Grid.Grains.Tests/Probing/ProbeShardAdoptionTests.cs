using Grid.Grains.Entities;
using Grid.Geography;
using Grid.Grains.Probing;
using Grid.Grains.Tests.Hosting;
using Grid.Testing.Postgres;
using Grid.Testing.Probing;
using Grid.Testing.Processes;

namespace Grid.Grains.Tests.Probing;

/// <summary>A probe shard whose silo dies is adopted on a survivor from PostgreSQL, with the beliefs of its last closed bin.</summary>
public sealed class ProbeShardAdoptionTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly CountryCode Xa = CountryCode.Parse("XA");

    [Fact]
    public async Task AShardAdoptedAfterItsSiloDiedResumesFromItsLastClosedBin()
    {
        var database = await postgres.CreateDatabaseAsync("probeshard");
        await using var cluster = await GridTestCluster.StartAsync(2, new Dictionary<string, string?>
        {
            ["Grid:Probing:Interval"] = "00:00:05",
            ["Grid:Probing:StaleBins"] = "1000",
            ["Grid:Signals:Step"] = "00:00:01",
        }, database);
        var victim = cluster.Secondary();
        // Prefer-local: the shard lives on the silo that first calls it, here the one that will die.
        var shard = GridTestCluster.GrainsOn(victim).GetGrain<IProbeShardGrain>("10.0.0.0/8");
        await shard.Observe([Seen(Address(10, 0, 0, 1), replied: false), Seen(Address(10, 0, 0, 1), replied: false), Seen(Address(10, 0, 1, 1), replied: true)], ProbeSenders.Prober);
        Assert.Equal(victim.SiloAddress, cluster.SiloOf(shard));
        // The bin closed (its beliefs were written before XA heard it)...
        await Poll.UntilAsync("XA heard the bin", async () =>
            (await cluster.Grains.GetGrain<ICountryGrain>("XA").Status()).Signals[SignalNames.Probes].Value == 1, TimeSpan.FromSeconds(30));

        // ...then a third block is observed early in the next bin, and the silo dies before that bin closes.
        await BinClock.NextBinAsync(Interval, TimeSpan.FromMilliseconds(300));
        await shard.Observe([Seen(Address(10, 0, 2, 1), replied: true)], ProbeSenders.Prober);
        await cluster.KillSiloAsync(victim);

        var adopted = cluster.Grains.GetGrain<IProbeShardGrain>("10.0.0.0/8");
        Assert.Equal(new ProbeCensus(2, 1, 1, 0), await adopted.Census());
        Assert.Equal(cluster.Primary.SiloAddress, cluster.SiloOf(adopted));
    }

    private static ProbeObservation Seen(uint address, bool replied) => new(address, Xa, 64500, 0.8f, 1, replied ? 1 : 0, replied ? 10 : 0, replied ? 1 : 0);

    private static uint Address(byte a, byte b, byte c, byte d) => ((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | d;
}
