using Grid.Runtime.State;
using Grid.Runtime.Tests.Grains;
using Grid.Runtime.Tests.Harness;
using Grid.Testing.Postgres;
using Npgsql;

namespace Grid.Runtime.Tests.Cluster;

/// <summary>Ownership claims with fencing tokens: a grain's stale owner cannot overwrite its new owner's state.</summary>
public sealed class FencingTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task AStaleOwnersWriteIsRefusedEvenWithTheRightEtag()
    {
        var database = await postgres.CreateDatabaseAsync("fencing");

        // The stale owner's heartbeats are too slow for it to learn of its own death during the test:
        // it stands for a silo that was paused (GC, a frozen VM) while the cluster moved on.
        await using var stale = await ClusterTestSilo.StartAsync(database, "silo-stale", o => o.HeartbeatInterval = TimeSpan.FromHours(1));
        await using var fresh = await ClusterTestSilo.StartAsync(database, "silo-fresh");
        var key = "EG";
        await stale.Grains.GetGrain<IProfileGrain>(key).Rename("Egypt", "first");
        Assert.True(stale.Runs(new GrainId("profile", key)));
        var staleToken = await ScalarAsync<long>(database, "SELECT fencing FROM grid_grain_directory WHERE grain_key = 'EG'");

        await ScalarAsync<int>(database, "UPDATE grid_silo SET status = 'dead' WHERE silo_id = 'silo-stale' RETURNING 1");
        await Eventually.HoldsAsync(() => !fresh.Membership.ActiveSiloIds.Contains("silo-stale"), "the fresh silo sees the stale one dead");
        // The fresh silo activates the grain (a new claim) but writes nothing, so the stored etag
        // is still the one the stale activation holds: only the fence can refuse its write.
        Assert.Equal(["first"], (await fresh.Grains.GetGrain<IProfileGrain>(key).Get()).Tags);
        Assert.True(fresh.Runs(new GrainId("profile", key)));
        Assert.True(await ScalarAsync<long>(database, "SELECT fencing FROM grid_grain_directory WHERE grain_key = 'EG'") > staleToken);

        // The stale activation still runs locally and its etag is still the stored one... but not its claim.
        var refused = await Assert.ThrowsAsync<InconsistentStateException>(() => stale.Grains.GetGrain<IProfileGrain>(key).Rename("Misr", "stale"));

        Assert.True(refused.Fenced, refused.Message);
        await fresh.Grains.GetGrain<IProfileGrain>(key).Rename("Egypt", "second");
        Assert.Equal(["first", "second"], (await fresh.Grains.GetGrain<IProfileGrain>(key).Get()).Tags);
    }

    [Fact]
    public async Task ALiveOwnersClaimIsNotTakenOver()
    {
        var database = await postgres.CreateDatabaseAsync("fencing");
        await using var a = await ClusterTestSilo.StartAsync(database, "silo-a");
        await using var b = await ClusterTestSilo.StartAsync(database, "silo-b");
        await a.Grains.GetGrain<ITallyGrain>("t").Add();

        // b is asked for a grain a owns: b's claim answers a, and the call runs there.
        Assert.Equal(2, await b.Grains.GetGrain<ITallyGrain>("t").Add());

        Assert.True(a.Runs(new GrainId("tally", "t")));
        Assert.False(b.Runs(new GrainId("tally", "t")));
        Assert.Equal("silo-a", await ScalarAsync<string>(database, "SELECT silo_id FROM grid_grain_directory WHERE grain_key = 't'"));
    }

    private static async Task<T> ScalarAsync<T>(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
