using System.Collections.Concurrent;
using Grid.Runtime.Cluster;
using Grid.Runtime.Tests.Harness;
using Grid.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace Grid.Runtime.Tests.Cluster;

/// <summary>Exclusive leases on PostgreSQL: one holder at a time, passed on with a larger fencing token when the holder dies.</summary>
public sealed class LeaseTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task OneSiloHoldsALeaseAndASurvivorTakesItOverWithALargerToken()
    {
        var database = await postgres.CreateDatabaseAsync("lease");
        await using var a = await ClusterTestSilo.StartAsync(database, "silo-a");
        await using var b = await ClusterTestSilo.StartAsync(database, "silo-b");
        var running = new ConcurrentDictionary<string, long>();
        using var stop = new CancellationTokenSource();

        Task Run(ClusterTestSilo silo) => silo.Services.GetRequiredService<IExclusiveLeases>().RunWhileHeldAsync("feed/ris-live", async (grant, held) =>
        {
            running[silo.SiloId] = grant.FencingToken;
            try
            {
                await Task.Delay(Timeout.Infinite, held);
            }
            finally
            {
                running.TryRemove(silo.SiloId, out _);
            }
        }, stop.Token);

        var onA = Run(a);
        await Eventually.HoldsAsync(() => running.ContainsKey("silo-a"), "a holds the lease");
        var onB = Run(b);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(["silo-a"], running.Keys);
        var first = running["silo-a"];

        await a.CrashAsync();

        await Eventually.HoldsAsync(() => running.ContainsKey("silo-b"), "b takes the lease once a is declared dead");
        Assert.True(running["silo-b"] > first, $"token {running["silo-b"]} after {first}");
        Assert.False(running.ContainsKey("silo-a"), "the crashed holder's work was cancelled");
        await stop.CancelAsync();
        await Task.WhenAll(onA, onB);
    }
}
