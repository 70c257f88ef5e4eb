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
/// The collector stays put while an entity moves: gracefully (a rebalance, a silo shutting down:
/// its snapshot goes with it) or by a crash of its silo (no last writes: it asks the collector to
/// re-emit its table). Either way the counts end where they were, never doubled, never low.
/// A crash is a real one: two silos with grain state in PostgreSQL, the collector (shards, peer
/// table, rebuild coordinator) on the primary and the entities on the secondary, which is killed.
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
    public async Task AnEntityMovedGracefullyTakesItsSpaceAlongAndAsksForNoRebuild()
    {
        await using var silo = await VisibilitySilo.StartAsync();
        var collector = await LoadBelarusAsync(silo);
        Assert.Equal(160, await BgpAsync(silo));

        await silo.DeactivateAsync("country", "BY");

        Assert.Equal(160, await BgpAsync(silo));
        Assert.Equal(0, (await silo.Rebuilds.Summary()).Requests);

        // Restored under the collector's epoch: its next withdrawal counts against the snapshot.
        await collector.AddAsync(Withdraw(Belarus[2], Election.AddMinutes(30)));
        await collector.FlushAsync();
        Assert.Equal(128, await BgpAsync(silo));
        Assert.All(await RecordedAsync(silo), value => Assert.Contains(value, new long[] { 160, 128 }));
    }

    [Fact]
    public async Task AnEntityWhoseSiloShutsDownGracefullyTakesItsSpaceToTheSurvivorAndAsksForNoRebuild()
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
        Assert.Equal(0, (await silo.Rebuilds.Summary()).Requests);
        await collector.AddAsync(Withdraw(Belarus[2], Election.AddMinutes(30)));
        await collector.FlushAsync();
        Assert.Equal(128, await BgpAsync(silo));
        Assert.All(await RecordedAsync(silo), value => Assert.Contains(value, new long[] { 160, 128 }));
    }

    [Fact]
    public async Task AnEntityAdoptedAfterACrashHoldsAsksTheCollectorAndEndsWithItsCountNotLowNotDoubled()
    {
        await using var silo = await VisibilitySilo.StartAsync(postgres: await postgres.CreateDatabaseAsync("adoption"), silos: 2);
        var victim = silo.Cluster.Secondary();
        await PlaceOnAsync(silo, victim, silo.Grains.GetGrain<ICountryGrain>("BY"));
        await PlaceOnAsync(silo, silo.Cluster.Primary, silo.Grains.GetGrain<IAsGrain>("AS6697"));
        var collector = await LoadBelarusAsync(silo);
        Assert.Equal(160, await BgpAsync(silo));

        // Its silo dies: nothing of its last moments lands (no snapshot); the collector lives on.
        await silo.Cluster.KillSiloAsync(victim);

        await Poll.UntilAsync("the adopted entity was rebuilt", async () => await BgpAsync(silo) == 160, Wait);
        var rebuilds = await silo.Rebuilds.Summary();
        Assert.Equal(1, rebuilds.Rebuilds);
        Assert.Equal(1, CollectorEpoch.GenerationOf(rebuilds.Epoch));

        // Counted once: one withdrawal of the /19 takes it away (counted twice, it would stay).
        await collector.AddAsync(Withdraw(Belarus[2], Election.AddMinutes(30)));
        await collector.FlushAsync();
        Assert.Equal(128, await BgpAsync(silo));
        Assert.Equal(128, (await silo.Grains.GetGrain<IAsGrain>("AS6697").Status()).Signals[SignalNames.Bgp].Value);

        // No reading in between was low: the hold recorded nothing until the table was back.
        Assert.All(await RecordedAsync(silo), value => Assert.Contains(value, new long[] { 160, 128 }));
        Assert.Empty(await silo.Grains.GetGrain<ICountryGrain>("BY").Events());
    }

    [Fact]
    public async Task ManyEntitiesAdoptedAtOnceCauseOneRebuild()
    {
        const int Ases = 20;
        await using var silo = await VisibilitySilo.StartAsync(rebuildCoalesce: TimeSpan.Zero, postgres: await postgres.CreateDatabaseAsync("adoption_many"), silos: 2);
        var victim = silo.Cluster.Secondary();
        var keys = Enumerable.Range(0, Ases).Select(i => EntityKeys.As(65001 + (uint)i)).ToArray();
        await PlaceOnAsync(silo, victim, [.. keys.Select(key => (IEntityGrain)silo.Grains.GetGrain<IAsGrain>(key)), silo.Grains.GetGrain<ICountryGrain>("BY")]);
        var collector = new RouteIngest(silo.Grains, silo.Options, "bgp", epoch: 3);
        for (var i = 0; i < Ases; i++)
        {
            await collector.AddAsync(Announce(Prefix.Parse($"37.17.{i}.0/24"), Election, origin: 65001 + (uint)i));
        }

        await collector.FlushAsync(endOfTable: true);
        await silo.Cluster.KillSiloAsync(victim);

        // All adopted at once: every one asks.
        await Task.WhenAll(keys.Select(key => silo.Grains.GetGrain<IAsGrain>(key).Status()).Append(silo.Grains.GetGrain<ICountryGrain>("BY").Status()));
        await Poll.UntilAsync("every adopted entity was rebuilt", async () =>
        {
            var counts = await Task.WhenAll(keys.Select(async key => (await silo.Grains.GetGrain<IAsGrain>(key).Status()).Signals[SignalNames.Bgp].Value));
            return counts.All(count => count == 1) && await BgpAsync(silo) == Ases;
        }, Wait);
        await Task.Delay(TimeSpan.FromSeconds(1));

        var summary = await silo.Rebuilds.Summary();
        Assert.Equal(Ases + 1, summary.Requests);
        Assert.Equal(1, summary.Rebuilds);
    }
}
