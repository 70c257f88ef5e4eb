using Grid.Runtime.Tests.Grains;
using Grid.Runtime.Tests.Harness;
using Grid.Testing.Postgres;

namespace Grid.Runtime.Tests.Cluster;

/// <summary>Grain calls between silos over HTTP/2: placement spreads grains, any silo reaches any grain.</summary>
public sealed class ForwardingTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task GrainsSpreadOverThreeSilosAndEverySiloReachesEveryGrain()
    {
        var database = await postgres.CreateDatabaseAsync("forward");
        await using var a = await ClusterTestSilo.StartAsync(database, "silo-a");
        await using var b = await ClusterTestSilo.StartAsync(database, "silo-b");
        await using var c = await ClusterTestSilo.StartAsync(database, "silo-c");
        ClusterTestSilo[] silos = [a, b, c];
        await Eventually.HoldsAsync(() => silos.All(s => s.Membership.ActiveSiloIds.Length == 3), "every silo sees three");

        var keys = Enumerable.Range(0, 90).Select(i => $"k{i}").ToList();
        foreach (var key in keys)
        {
            // Each grain is incremented once from every silo: the count proves one activation served all three.
            foreach (var silo in silos)
            {
                await silo.Grains.GetGrain<ICounterGrain>(key).Increment();
            }
        }

        foreach (var key in keys)
        {
            var id = new GrainId("counter", key);
            Assert.Single(silos, s => s.Runs(id));
            Assert.Equal(4, await a.Grains.GetGrain<ICounterGrain>(key).Increment());
        }

        Assert.All(silos, s => Assert.InRange(s.Runtime.ActiveGrains("counter").Count, 10, 80));
    }

    [Fact]
    public async Task AnExceptionThrownOnAnotherSiloReachesTheCallerWithItsTypeAndMessage()
    {
        var database = await postgres.CreateDatabaseAsync("forward");
        await using var a = await ClusterTestSilo.StartAsync(database, "silo-a");
        await using var b = await ClusterTestSilo.StartAsync(database, "silo-b");
        await Eventually.HoldsAsync(() => a.Membership.ActiveSiloIds.Length == 2, "a sees b");
        var remoteKey = Enumerable.Range(0, 100).Select(i => $"f{i}")
            .First(k => Runtime.Cluster.Placement.RendezvousPlacement.PreferredSilo(new GrainId("counter", k), a.Membership.ActiveSiloIds) == "silo-b");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => a.Grains.GetGrain<ICounterGrain>(remoteKey).Fail("the lights went out"));

        Assert.Equal("the lights went out", thrown.Message);
        Assert.True(b.Runs(new GrainId("counter", remoteKey)));
        Assert.False(a.Runs(new GrainId("counter", remoteKey)));
    }

    [Fact]
    public async Task PreferLocalCallersOnTwoSilosRacingToClaimStillMeetOneActivation()
    {
        var database = await postgres.CreateDatabaseAsync("forward");
        await using var a = await ClusterTestSilo.StartAsync(database, "silo-a");
        await using var b = await ClusterTestSilo.StartAsync(database, "silo-b");
        await Eventually.HoldsAsync(() => a.Membership.ActiveSiloIds.Length == 2 && b.Membership.ActiveSiloIds.Length == 2, "both see both");

        var calls = Enumerable.Range(0, 200).Select(i => (i % 2 == 0 ? a : b).Grains.GetGrain<ITallyGrain>($"race{i % 10}").Add());
        await Task.WhenAll(calls);

        for (var i = 0; i < 10; i++)
        {
            var id = new GrainId("tally", $"race{i}");
            Assert.True(a.Runs(id) ^ b.Runs(id), $"{id} runs on exactly one silo");
            Assert.Equal(21, await a.Grains.GetGrain<ITallyGrain>($"race{i}").Add());
        }
    }

    [Fact]
    public async Task ASiloWithoutTheClusterSecretCannotCallIntoTheCluster()
    {
        var database = await postgres.CreateDatabaseAsync("forward");
        await using var a = await ClusterTestSilo.StartAsync(database, "silo-a", o => o.Secret = "correct horse");
        await using var b = await ClusterTestSilo.StartAsync(database, "silo-b", o => o.Secret = "battery staple");
        await Eventually.HoldsAsync(() => b.Membership.ActiveSiloIds.Length == 2, "b sees a");
        var onA = Enumerable.Range(0, 100).Select(i => $"s{i}")
            .First(k => Runtime.Cluster.Placement.RendezvousPlacement.PreferredSilo(new GrainId("counter", k), b.Membership.ActiveSiloIds) == "silo-a");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => b.Grains.GetGrain<ICounterGrain>(onA).Increment());

        Assert.Contains("Grid:Cluster:Secret", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("battery", refused.Message, StringComparison.Ordinal);
        Assert.False(a.Runs(new GrainId("counter", onA)));
    }
}
