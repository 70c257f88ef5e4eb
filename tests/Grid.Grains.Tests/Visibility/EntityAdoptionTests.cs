using System.Net;
using Grid.Bgp.Model;
using Grid.Grains.Entities;
using Grid.Grains.Tests.Hosting;
using Grid.Grains.Visibility;
using Grid.Testing.Postgres;
using Grid.Testing.Processes;
using Orleans.TestingHost;

namespace Grid.Grains.Tests.Visibility;

/// <summary>
/// The collector stays put while an entity moves: gracefully (a rebalance, a silo shutting down) or
/// by a crash of its silo (no last writes). The shards own the counts, so either way the entity
/// reads them again and ends where it was, never doubled, never low. A crash is a real one: two
/// silos with grain state in PostgreSQL, the collector (shards and peer table) on the primary and
/// the entities on the secondary, which is killed.
/// </summary>
public sealed class EntityAdoptionTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly DateTimeOffset Election = new(2020, 8, 9, 21, 0, 0, TimeSpan.Zero);
    private static readonly IPAddress Peer = IPAddress.Parse("192.0.2.1");
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    // Beltelecom (AS6697) space: a /17 with a /24 inside, and a /19: 160 /24s.
    private static readonly Prefix[] Belarus = [Prefix.Parse("37.17.0.0/17"), Prefix.Parse("37.17.5.0/24"), Prefix.Parse("5.100.192.0/19")];

    private static RouteElement Announce(Prefix prefix, DateTimeOffset at, uint origin = 6697) => new(at, Peer, 64496, prefix, RouteAction.Announce, origin);

    private static RouteElement Withdraw(Prefix prefix, DateTimeOffset at) => new(at, Peer, 64496, prefix, RouteAction.Withdraw, 0);

    private static async Task<RouteIngest> LoadBelarusAsync(VisibilitySilo silo)
    {
        var collector = new RouteIngest(silo.Grains, silo.Options, "bgp", epoch: 3);
        foreach (var prefix in Belarus)
        {
            await collector.AddAsync(Announce(prefix, Election));
        }

        await collector.FlushAsync(endOfTable: true);
        return collector;
    }

    /// <summary>Activates the entities on the silo that will die (the placement hint), and checks they are there.</summary>
    private static async Task PlaceOnAsync(VisibilitySilo silo, SiloHandle target, params IEntityGrain[] entities)
    {
        await GridTestCluster.OnSiloAsync(target, () => Task.WhenAll(entities.Select(e => e.Status())));
        Assert.All(entities, e => Assert.Equal(target.SiloAddress, silo.Cluster.SiloOf(e)));
    }

    private static async Task<long> BgpAsync(VisibilitySilo silo, string country = "BY") =>
        (await silo.Grains.GetGrain<ICountryGrain>(country).Status()).Signals[SignalNames.Bgp].Value;

    private static async Task<long[]> RecordedAsync(VisibilitySilo silo) =>
        [.. (await silo.Grains.GetGrain<ICountryGrain>("BY").History(Election.AddMinutes(-10), Election.AddHours(1), TimeSpan.FromMinutes(1)))
            .Signals[SignalNames.Bgp].Select(point => point.Value)];

    [Fact]
    public async Task AnEntityMovedGracefullyKeepsItsCount()
    {
        await using var silo = await VisibilitySilo.StartAsync();
        var collector = await LoadBelarusAsync(silo);
        Assert.Equal(160, await BgpAsync(silo));

        await silo.DeactivateAsync("country", "BY");

        Assert.Equal(160, await BgpAsync(silo));

        // The next withdrawal is counted by its shard, whatever became of the entity.
        await collector.AddAsync(Withdraw(Belarus[2], Election.AddMinutes(30)));
        await collector.FlushAsync();
        Assert.Equal(128, await BgpAsync(silo));
        Assert.All(await RecordedAsync(silo), value => Assert.Contains(value, new long[] { 160, 128 }));
    }

    [Fact]
    public async Task AnEntityWhoseSiloShutsDownGracefullyKeepsItsCountOnTheSurvivor()
    {
        await using var silo = await VisibilitySilo.StartAsync(postgres: await postgres.CreateDatabaseAsync("adoption_graceful"), silos: 2);
        var leaving = silo.Cluster.Secondary();
        var belarus = silo.Grains.GetGrain<ICountryGrain>("BY");
        await PlaceOnAsync(silo, leaving, belarus);
        var collector = await LoadBelarusAsync(silo);
        Assert.Equal(160, await BgpAsync(silo));

        await silo.Cluster.StopSiloAsync(leaving);

        Assert.Equal(160, await BgpAsync(silo));
        Assert.Equal(silo.Cluster.Primary.SiloAddress, silo.Cluster.SiloOf(belarus));
        await collector.AddAsync(Withdraw(Belarus[2], Election.AddMinutes(30)));
        await collector.FlushAsync();
        Assert.Equal(128, await BgpAsync(silo));
        Assert.All(await RecordedAsync(silo), value => Assert.Contains(value, new long[] { 160, 128 }));
    }

    [Fact]
    public async Task AnEntityAdoptedAfterACrashReadsItsShardsAndEndsWithItsCountNotLowNotDoubled()
    {
        await using var silo = await VisibilitySilo.StartAsync(postgres: await postgres.CreateDatabaseAsync("adoption"), silos: 2);
        var victim = silo.Cluster.Secondary();
        await PlaceOnAsync(silo, victim, silo.Grains.GetGrain<ICountryGrain>("BY"));
        await PlaceOnAsync(silo, silo.Cluster.Primary, silo.Grains.GetGrain<IAsGrain>("AS6697"));
        var collector = await LoadBelarusAsync(silo);
        Assert.Equal(160, await BgpAsync(silo));

        // Its silo dies: nothing of its last moments lands; the collector lives on.
        await silo.Cluster.KillSiloAsync(victim);

        // Adopted on the next call: it starts from its stored shard list and reads each shard.
        await Poll.UntilAsync("the adopted entity has its count", async () => await BgpAsync(silo) == 160, Wait);

        // Counted once: one withdrawal of the /19 takes it away (counted twice, it would stay).
        await collector.AddAsync(Withdraw(Belarus[2], Election.AddMinutes(30)));
        await collector.FlushAsync();
        Assert.Equal(128, await BgpAsync(silo));
        Assert.Equal(128, (await silo.Grains.GetGrain<IAsGrain>("AS6697").Status()).Signals[SignalNames.Bgp].Value);

        // No reading in between was low.
        Assert.All(await RecordedAsync(silo), value => Assert.Contains(value, new long[] { 160, 128 }));
        Assert.Empty(await silo.Grains.GetGrain<ICountryGrain>("BY").Events());
    }

    [Fact]
    public async Task AReportLostWithTheDeadSiloIsReadFromTheShardByTheAdoptedEntity()
    {
        await using var silo = await VisibilitySilo.StartAsync(postgres: await postgres.CreateDatabaseAsync("adoption_lost"), silos: 2);
        var victim = silo.Cluster.Secondary();
        await PlaceOnAsync(silo, victim, silo.Grains.GetGrain<ICountryGrain>("BY"));
        var collector = await LoadBelarusAsync(silo);

        // The /19 goes; the entity hears it, but its silo dies before it writes its state again
        // (its stored count of the 5.0.0.0/8 shard still says 32), so the shard's word must win.
        await collector.AddAsync(Withdraw(Belarus[2], Election.AddMinutes(30)));
        await collector.FlushAsync();
        await silo.Cluster.KillSiloAsync(victim);

        // Without the read it would stay at 160 until the next reconcile (Grid:Visibility:Reconcile, 10 min).
        await Poll.UntilAsync("the adopted entity read the shard", async () => await BgpAsync(silo) == 128, Wait);
        Assert.All(await RecordedAsync(silo), value => Assert.Contains(value, new long[] { 160, 128 }));
    }
}
