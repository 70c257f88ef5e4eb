using Grid.Runtime.Tests.Grains;
using Grid.Runtime.Tests.Harness;
using Grid.Testing.Postgres;

namespace Grid.Runtime.Tests.Cluster;

/// <summary>Grains move: adopted with their state and timers after a death, handed over after a join.</summary>
public sealed class AdoptionTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task APersistedGrainWithATimerRunsOnAfterItsSiloStopsHeartbeating()
    {
        var database = await postgres.CreateDatabaseAsync("adoption");
        await using var a = await ClusterTestSilo.StartAsync(database, "silo-a");
        await using var b = await ClusterTestSilo.StartAsync(database, "silo-b");
        await Eventually.HoldsAsync(() => a.Membership.ActiveSiloIds.Length == 2 && b.Membership.ActiveSiloIds.Length == 2, "both see both");
        var keys = Enumerable.Range(0, 20).Select(i => $"m{i}").ToList();
        foreach (var key in keys)
        {
            await a.Grains.GetGrain<IMeterGrain>(key).Label(key);
        }

        var onB = keys.Where(k => b.Runs(new GrainId("meter", k))).ToList();
        Assert.NotEmpty(onB);
        await Eventually.HoldsAsync(async () => (await a.Grains.GetGrain<IMeterGrain>(onB[0]).Read()).Ticks >= 5, "b's meters tick");

        await b.CrashAsync();
        var ticksAtCrash = (await Task.WhenAll(onB.Select(k => a.Grains.GetGrain<IMeterGrain>(k).Read().ContinueWith(t => t.IsCompletedSuccessfully ? t.Result.Ticks : 0, TaskScheduler.Default)))).Max();

        // No call reaches them: adoption alone must bring them back, timers and all.
        await Eventually.HoldsAsync(() => onB.All(k => a.Runs(new GrainId("meter", k))), "a adopts every meter of the dead silo");
        // A local call hands back the grain's own object, so the tick count is copied out.
        var first = await a.Grains.GetGrain<IMeterGrain>(onB[0]).Read();
        var ticksAfterAdoption = first.Ticks;
        Assert.Equal(onB[0], first.Label);
        Assert.True(ticksAfterAdoption >= 5, $"state survived: {ticksAfterAdoption} ticks (at most {ticksAtCrash} were visible at the crash)");
        await Eventually.HoldsAsync(async () => (await a.Grains.GetGrain<IMeterGrain>(onB[0]).Read()).Ticks > ticksAfterAdoption, "the adopted meter's timer ticks on");
    }

    [Fact]
    public async Task ASiloThatJoinsReceivesAShareOfTheGrainsAndEachRunsOnce()
    {
        var database = await postgres.CreateDatabaseAsync("adoption");
        await using var a = await ClusterTestSilo.StartAsync(database, "silo-a");
        await using var b = await ClusterTestSilo.StartAsync(database, "silo-b");
        await Eventually.HoldsAsync(() => a.Membership.ActiveSiloIds.Length == 2 && b.Membership.ActiveSiloIds.Length == 2, "both see both");
        var keys = Enumerable.Range(0, 120).Select(i => $"r{i}").ToList();
        foreach (var key in keys)
        {
            await a.Grains.GetGrain<IMeterGrain>(key).Label(key);
        }

        await using var c = await ClusterTestSilo.StartAsync(database, "silo-c");

        ClusterTestSilo[] silos = [a, b, c];
        await Eventually.HoldsAsync(() => c.Runtime.ActiveGrains("meter").Count >= 20, "the new silo runs a share of the meters", TimeSpan.FromSeconds(30));
        await Eventually.HoldsAsync(() => keys.All(k => silos.Count(s => s.Runs(new GrainId("meter", k))) == 1), "every meter runs on exactly one silo");
        foreach (var key in keys)
        {
            Assert.Equal(key, (await b.Grains.GetGrain<IMeterGrain>(key).Read()).Label);
        }
    }
}
