using Grid.Runtime.Cluster.Membership;
using Grid.Runtime.Tests.Grains;
using Grid.Runtime.Tests.Harness;
using Grid.Testing.Postgres;
using Npgsql;

namespace Grid.Runtime.Tests.Cluster;

/// <summary>The membership table: joins, heartbeats, and deaths declared by the database clock.</summary>
public sealed class MembershipTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task SilosThatJoinSeeEachOtherActive()
    {
        var database = await postgres.CreateDatabaseAsync("members");
        await using var a = await ClusterTestSilo.StartAsync(database, "silo-a");
        await using var b = await ClusterTestSilo.StartAsync(database, "silo-b");

        await Eventually.HoldsAsync(() => a.Membership.ActiveSiloIds.SequenceEqual(["silo-a", "silo-b"]) && b.Membership.ActiveSiloIds.SequenceEqual(["silo-a", "silo-b"]), "both silos see both active");
        var seen = a.Membership.Find("silo-b")!;
        Assert.Equal(new Uri($"http://127.0.0.1:{b.Port}"), seen.Address);
        Assert.True(seen.LastHeartbeatAge < TimeSpan.FromSeconds(5), $"heartbeat age {seen.LastHeartbeatAge}");
    }

    [Fact]
    public async Task ASiloWhoseHeartbeatsStopIsDeclaredDeadByTheOthers()
    {
        var database = await postgres.CreateDatabaseAsync("members");
        await using var a = await ClusterTestSilo.StartAsync(database, "silo-a");
        await using var b = await ClusterTestSilo.StartAsync(database, "silo-b");
        await Eventually.HoldsAsync(() => a.Membership.ActiveSiloIds.Length == 2, "a sees b");

        await b.CrashAsync();

        await Eventually.HoldsAsync(() => a.Membership.Find("silo-b")?.Status == SiloStatus.Dead, "a declares b dead");
        Assert.Equal(["silo-a"], a.Membership.ActiveSiloIds.ToArray());
        Assert.Equal("dead", await ScalarAsync<string>(database, "SELECT status FROM grid_silo WHERE silo_id = 'silo-b'"));
    }

    [Fact]
    public async Task ASiloDeclaredDeadDropsItsGrainsAndStopsItsHost()
    {
        var database = await postgres.CreateDatabaseAsync("members");
        await using var a = await ClusterTestSilo.StartAsync(database, "silo-a");
        await a.Grains.GetGrain<ICounterGrain>("c").Increment();
        Assert.Equal(1, a.Runtime.ActivationCount);

        // What the other silos do to a silo that stopped answering while it was merely paused.
        await ScalarAsync<int>(database, "UPDATE grid_silo SET status = 'dead' WHERE silo_id = 'silo-a' RETURNING 1");

        await Eventually.HoldsAsync(() => a.Lifetime.ApplicationStopping.IsCancellationRequested, "the declared-dead silo stops its host");
        Assert.Equal(0, a.Runtime.ActivationCount);
        Assert.True(a.Runtime.IsStopping);
    }

    [Fact]
    public async Task ASiloThatStopsGracefullyLeavesAndItsGrainsAreHandedOver()
    {
        var database = await postgres.CreateDatabaseAsync("members");
        await using var a = await ClusterTestSilo.StartAsync(database, "silo-a");
        var b = await ClusterTestSilo.StartAsync(database, "silo-b");
        await Eventually.HoldsAsync(() => a.Membership.ActiveSiloIds.Length == 2 && b.Membership.ActiveSiloIds.Length == 2, "both see both");
        var meters = Enumerable.Range(0, 40).Select(i => new GrainId("meter", $"m{i}")).ToList();
        foreach (var id in meters)
        {
            await a.Grains.GetGrain<IMeterGrain>(id.Key).Label($"label {id.Key}");
        }

        var onB = meters.Where(b.Runs).ToList();
        Assert.NotEmpty(onB);

        await b.DisposeAsync();

        Assert.Equal("dead", await ScalarAsync<string>(database, "SELECT status FROM grid_silo WHERE silo_id = 'silo-b'"));
        await Eventually.HoldsAsync(() => onB.All(a.Runs), "a adopts every grain b handed over, without a call");
        foreach (var id in onB)
        {
            Assert.Equal($"label {id.Key}", (await a.Grains.GetGrain<IMeterGrain>(id.Key).Read()).Label);
        }
    }

    private static async Task<T> ScalarAsync<T>(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
