using Grid.Runtime.Tests.Grains;
using Grid.Runtime.Tests.Harness;
using Grid.Testing.Postgres;

namespace Grid.Runtime.Tests;

/// <summary>Activation, idle deactivation and reactivation, with state in memory and in a real PostgreSQL.</summary>
public sealed class ActivationLifecycleTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    public static TheoryData<string> Storages => new() { "memory", "postgres" };

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task IdleGrainDeactivatesAndItsStateSurvivesReactivation(string storage)
    {
        await using var silo = await TestSilo.StartAsync(
            o =>
            {
                o.IdleTimeout = TimeSpan.FromMilliseconds(300);
                o.CollectionInterval = TimeSpan.FromMilliseconds(100);
            },
            storage == "postgres" ? await postgres.CreateDatabaseAsync("lifecycle") : null);
        var by = silo.Grains.GetGrain<IProfileGrain>("BY");

        await by.Rename("Belarus", "election-2020");
        var etagBefore = await by.Etag();
        await Eventually.HoldsAsync(() => silo.Journal.Count("deactivate BY IdleTimeout") == 1, "BY deactivated when idle");
        Assert.Equal(0, silo.Runtime.ActivationCount);

        var profile = await by.Get();

        Assert.Equal(2, silo.Journal.Count("activate BY"));
        Assert.Equal("Belarus", profile.Name);
        Assert.Equal(["election-2020"], profile.Tags);
        Assert.Equal(etagBefore, await by.Etag());
    }

    // Memory storage lives and dies with its silo; only PostgreSQL can carry state across.
    [Fact]
    public async Task PostgresStateSurvivesARestartOfTheSilo()
    {
        var database = await postgres.CreateDatabaseAsync("restart");
        await using (var first = await TestSilo.StartAsync(postgres: database))
        {
            await first.Grains.GetGrain<IProfileGrain>("MM").Rename("Myanmar", "coup-2021");
        }

        await using var second = await TestSilo.StartAsync(postgres: database);
        var profile = await second.Grains.GetGrain<IProfileGrain>("MM").Get();

        Assert.Equal("Myanmar", profile.Name);
        Assert.Equal(["coup-2021"], profile.Tags);
    }

    [Fact]
    public async Task CallsQueuedBehindARequestedDeactivationRunOnTheNextActivation()
    {
        await using var silo = await TestSilo.StartAsync();
        var kz = silo.Grains.GetGrain<IProfileGrain>("KZ");
        await kz.Rename("Kazakhstan", "2022");

        var leave = kz.Leave();
        var renames = Enumerable.Range(0, 50).Select(i => kz.Rename("Kazakhstan", $"t{i}")).ToList();
        await leave;
        await Task.WhenAll(renames);

        var profile = await kz.Get();
        Assert.Equal(["2022", .. Enumerable.Range(0, 50).Select(i => $"t{i}")], profile.Tags);
        Assert.Equal(1, silo.Journal.Count("deactivate KZ ApplicationRequested"));
        Assert.Equal(2, silo.Journal.Count("activate KZ"));
    }

    [Fact]
    public async Task DelayDeactivationKeepsAnIdleGrainWhileOthersAreCollected()
    {
        await using var silo = await TestSilo.StartAsync(o =>
        {
            o.IdleTimeout = TimeSpan.FromMilliseconds(200);
            o.CollectionInterval = TimeSpan.FromMilliseconds(50);
        });
        await silo.Grains.GetGrain<IKeeperGrain>("routes").Keep();
        await silo.Grains.GetGrain<IProfileGrain>("MM").Get();

        await Eventually.HoldsAsync(() => silo.Journal.Count("deactivate MM IdleTimeout") == 1, "the ordinary grain was collected");
        await Task.Delay(400);

        Assert.Equal(1, silo.Runtime.ActivationCount);
        await silo.Grains.GetGrain<IKeeperGrain>("routes").Keep();
        Assert.Equal(1, silo.Journal.Count("activate keeper routes"));
    }

    [Fact]
    public async Task ShutdownDeactivatesEveryGrain()
    {
        var silo = await TestSilo.StartAsync();
        await silo.Grains.GetGrain<IProfileGrain>("AZ").Rename("Azerbaijan", "2023");
        var journal = silo.Journal;

        await silo.DisposeAsync();

        Assert.Equal(1, journal.Count("deactivate AZ ShuttingDown"));
    }
}
