using Grid.Silo.Feeds;
using Grid.Silo.Feeds.Leases;
using Grid.Silo.Hosting.Cluster;
using Grid.Testing.Postgres;
using Grid.Testing.Processes;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Grid.Silo.Tests.Feeds.Leases;

/// <summary>
/// Feed leases on a real PostgreSQL with Orleans' real membership schema: silos are rows in
/// <c>OrleansMembershipTable</c> that the test writes, so it decides who is Active and when Orleans
/// declares a silo Dead. One holder at a time; the lease moves only when its holder is dead, gone,
/// or lets go, and each new holder's fencing token is larger.
/// </summary>
public sealed class MembershipLeasesTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    // "A few intervals", with room for a loaded two-core CI machine.
    private static readonly TimeSpan FewIntervals = Interval * 10;

    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(20);

    private static readonly string Lease = FeedLeases.Routing;

    [Fact]
    public async Task OneSiloHoldsTheLeaseAtATimeAmongThreeContenders()
    {
        var (database, silos) = await ClusterAsync();
        var counter = new HoldCounter();
        var holdFor = Interval * 2;
        await using var a = new LeaseContender(database, await silos.AddSiloAsync(), Lease, Interval, holdFor, counter);
        await using var b = new LeaseContender(database, await silos.AddSiloAsync(), Lease, Interval, holdFor, counter);
        await using var c = new LeaseContender(database, await silos.AddSiloAsync(), Lease, Interval, holdFor, counter);

        // Each holder lets go after two intervals, so the lease changes hands again and again.
        await Poll.UntilAsync("the lease was granted six times", () => Task.FromResult(counter.InOrder.Count >= 6), Startup);

        Assert.Equal(1, counter.MostAtOnce);
        var tokens = counter.InOrder.Select(g => g.FencingToken).ToList();
        Assert.Equal(tokens.Order(), tokens);
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
    }

    [Fact]
    public async Task WhenOrleansDeclaresTheHolderDeadItsWorkStopsAndASurvivorTakesOverWithALargerToken()
    {
        var (database, silos) = await ClusterAsync();
        await using var a = new LeaseContender(database, await silos.AddSiloAsync(), Lease, Interval);
        await using var b = new LeaseContender(database, await silos.AddSiloAsync(), Lease, Interval);
        await using var c = new LeaseContender(database, await silos.AddSiloAsync(), Lease, Interval);
        LeaseContender[] all = [a, b, c];
        await Poll.UntilAsync("a silo holds the lease", () => Task.FromResult(all.Any(s => s.IsHolding)), Startup);
        var holder = all.Single(s => s.IsHolding);
        var first = holder.Grants.Single();

        // Declared dead while its process still runs (a long pause, a partition that healed).
        await silos.SetStatusAsync(holder.Holder, OrleansSiloStatus.Dead);

        await Poll.UntilAsync("the dead holder's work is cancelled", () => Task.FromResult(!holder.IsHolding), FewIntervals);
        Assert.Equal(1, holder.Cancellations);
        await Poll.UntilAsync("a survivor holds the lease", () => Task.FromResult(all.Any(s => s != holder && s.IsHolding)), FewIntervals);
        var survivor = all.Single(s => s.IsHolding);
        Assert.True(survivor.Grants.Single().FencingToken > first.FencingToken);

        // It never contends again, let alone takes the lease back.
        await Task.Delay(Interval * 3);
        Assert.Single(holder.Grants);
        Assert.Equal((survivor.Grants.Single().FencingToken, survivor.Holder.Port), await silos.ReadLeaseAsync(Lease));
    }

    [Theory]
    [InlineData(false)] // Orleans marks it Dead (Status 6).
    [InlineData(true)] // Orleans removed the dead silo's row altogether (CleanupDefunctSiloEntries).
    public async Task AKilledHoldersLeaseMovesOnlyOnceOrleansDeclaresItDead(bool rowRemoved)
    {
        var (database, silos) = await ClusterAsync();
        // Killed with kill -9: its row still says Active and its lease was never released.
        var killed = await silos.AddSiloAsync();
        var killedToken = await silos.GrantAsync(Lease, killed);
        await using var b = new LeaseContender(database, await silos.AddSiloAsync(), Lease, Interval);
        await using var c = new LeaseContender(database, await silos.AddSiloAsync(), Lease, Interval);
        LeaseContender[] survivors = [b, c];

        // Until Orleans says otherwise the holder is alive, whatever it does.
        await Task.Delay(Interval * 5);
        Assert.All(survivors, s => Assert.Empty(s.Grants));

        if (rowRemoved)
        {
            await silos.RemoveAsync(killed);
        }
        else
        {
            await silos.SetStatusAsync(killed, OrleansSiloStatus.Dead);
        }

        await Poll.UntilAsync("a survivor holds the lease", () => Task.FromResult(survivors.Any(s => s.IsHolding)), FewIntervals);
        var survivor = survivors.Single(s => s.IsHolding);
        Assert.True(survivor.Grants.Single().FencingToken > killedToken);
        Assert.Equal((survivor.Grants.Single().FencingToken, survivor.Holder.Port), await silos.ReadLeaseAsync(Lease));
    }

    [Fact]
    public async Task AReleasedLeasePassesOnWithALargerToken()
    {
        var (database, silos) = await ClusterAsync();
        await using var a = new LeaseContender(database, await silos.AddSiloAsync(), Lease, Interval);
        await using var b = new LeaseContender(database, await silos.AddSiloAsync(), Lease, Interval);
        LeaseContender[] all = [a, b];
        await Poll.UntilAsync("a silo holds the lease", () => Task.FromResult(all.Any(s => s.IsHolding)), Startup);
        var holder = all.Single(s => s.IsHolding);
        var other = all.Single(s => s != holder);

        // The holder's silo stops (its membership row stays Active): it releases on the way out.
        await holder.StopAsync();
        Assert.NotEqual(holder.Holder.Port, (await silos.ReadLeaseAsync(Lease))?.Port);

        await Poll.UntilAsync("the other silo holds the lease", () => Task.FromResult(other.IsHolding), FewIntervals);
        Assert.True(other.Grants.Single().FencingToken > holder.Grants.Single().FencingToken);
    }

    [Fact]
    public async Task ALiveHoldersLeaseIsNeverTaken()
    {
        var (database, silos) = await ClusterAsync();
        await using var a = new LeaseContender(database, await silos.AddSiloAsync(), Lease, Interval);
        await using var b = new LeaseContender(database, await silos.AddSiloAsync(), Lease, Interval);
        await using var c = new LeaseContender(database, await silos.AddSiloAsync(), Lease, Interval);
        LeaseContender[] all = [a, b, c];
        await Poll.UntilAsync("a silo holds the lease", () => Task.FromResult(all.Any(s => s.IsHolding)), Startup);
        var holder = all.Single(s => s.IsHolding);

        await Task.Delay(Interval * 8);
        AssertOnlyHolder(holder, all);

        // Shutting down is not dead: the holder lets go itself when it stops, or Orleans declares it dead.
        await silos.SetStatusAsync(holder.Holder, OrleansSiloStatus.ShuttingDown);
        await Task.Delay(Interval * 8);
        AssertOnlyHolder(holder, all);
    }

    [Fact]
    public async Task ADatabaseThatDoesNotAnswerIsUnknownNotLost()
    {
        var (database, silos) = await ClusterAsync();
        // The holder gives up on a statement after a second, as on a database that stopped answering.
        var impatient = new NpgsqlConnectionStringBuilder(database) { CommandTimeout = 1 }.ConnectionString;
        await using var a = new LeaseContender(impatient, await silos.AddSiloAsync(), Lease, Interval);
        await Poll.UntilAsync("the silo holds the lease", () => Task.FromResult(a.IsHolding), Startup);

        // An exclusive lock makes every read of the lease table hang until it times out.
        await using (var blocker = new NpgsqlConnection(database))
        {
            await blocker.OpenAsync();
            await using var transaction = await blocker.BeginTransactionAsync();
            await using (var lockTable = new NpgsqlCommand("LOCK TABLE grid_feed_lease IN ACCESS EXCLUSIVE MODE", blocker, transaction))
            {
                await lockTable.ExecuteNonQueryAsync();
            }

            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.True(a.IsHolding);
            await transaction.RollbackAsync();
        }

        await Task.Delay(Interval * 3);
        Assert.True(a.IsHolding);
        Assert.Equal(0, a.Cancellations);
        Assert.Single(a.Grants);
    }

    [Fact]
    public async Task ASiloContendsOnlyOnceOrleansListsItAsActive()
    {
        var (database, silos) = await ClusterAsync();
        var joining = await silos.AddSiloAsync(OrleansSiloStatus.Joining);
        await using var a = new LeaseContender(database, joining, Lease, Interval);

        await Task.Delay(Interval * 5);
        Assert.Empty(a.Grants);
        Assert.Null(await silos.ReadLeaseAsync(Lease));

        await silos.SetStatusAsync(joining, OrleansSiloStatus.Active);
        await Poll.UntilAsync("the silo holds the lease", () => Task.FromResult(a.IsHolding), FewIntervals);
    }

    private static void AssertOnlyHolder(LeaseContender holder, LeaseContender[] all)
    {
        Assert.True(holder.IsHolding);
        Assert.Single(holder.Grants);
        Assert.Equal(0, holder.Cancellations);
        Assert.All(all.Where(s => s != holder), s => Assert.Empty(s.Grants));
    }

    private async Task<(string Database, OrleansMembershipRows Silos)> ClusterAsync()
    {
        var database = await postgres.CreateDatabaseAsync("feed_leases");
        await OrleansPostgresSchema.EnsureCreatedAsync(database, NullLogger.Instance, CancellationToken.None);
        return (database, new OrleansMembershipRows(database, "grid-test"));
    }
}
