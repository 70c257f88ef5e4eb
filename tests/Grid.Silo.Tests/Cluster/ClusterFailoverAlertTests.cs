using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grid.Silo.Tests.Detection;
using Grid.Testing.Postgres;
using Grid.Testing.Processes;
using Grid.Testing.Silo;
using Grid.Testing.Web;
using Npgsql;
using Xunit.Abstractions;

namespace Grid.Silo.Tests.Cluster;

/// <summary>
/// Issue 9's outage scenario: three real silos on one PostgreSQL replay a Belarus shutdown; during
/// the outage the silo that runs Belarus's country grain (or else the alert grain) is killed with
/// SIGKILL. Each level change still reaches the receiver as exactly one alert, counted by
/// Idempotency-Key, and the survivors' API answers throughout.
/// </summary>
public sealed class ClusterFailoverAlertTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);

    // Flaky until 2026-12-04 (6 of 8): Orleans' activation rebalancer moved prefix shards off the
    // collector, and a moved shard starts with an empty table, so Belarus's unchanged prefixes were
    // missing after the return (it stayed at 7,680 of 10,240 /24s). Shards and the peer table are now
    // [Immovable], and a shard resends a report whose call failed. The timeout prints each
    // survivor's view of BY, so a failure shows which signal or step is stuck.
    [Fact]
    public async Task EveryLevelChangeIsAlertedOnceWhenASiloIsKilledDuringTheOutage()
    {
        // Paced at 240 s of recorded time per second, and a paced replay moves the event clock as it
        // waits: the cut comes about 90 s into the replay (after the cluster has formed and the
        // subscription exists; at 45 s a fresh CI machine under load once formed the cluster too
        // late), Belarus is critical 5 recorded minutes (1.25 s) later, and the prefixes return
        // about 60 s after the cut, time enough to kill a silo in between.
        using var world = await ShutdownWorld.CreateAsync(firstUpdate: TimeSpan.FromHours(6), outage: TimeSpan.FromHours(4));
        var database = await postgres.CreateDatabaseAsync("failover");
        await using var receiver = await WebhookReceiver.StartAsync(ShutdownWorld.Secret);
        var environment = world.Environment();
        environment["Grid__Feeds__Mrt__Files__0"] = world.Rib;
        environment["Grid__Feeds__Mrt__Files__1"] = world.Updates;
        environment["Grid__Feeds__Mrt__Speed"] = "240";
        environment["Grid__Signals__Step"] = "00:00:01";

        await using var cluster = await SiloCluster.StartAsync(database, 3, environment);
        await cluster.WaitUntilFormedAsync(Wait);
        var subscription = new { url = receiver.Url, secret = ShutdownWorld.Secret, countries = new[] { "BY" } };
        using (var created = await cluster.Silos[0].Http.SendAsync(ShutdownWorld.Admin(HttpMethod.Post, "/v1/subscriptions", JsonContent.Create(subscription))))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // A subscription made after the cut would hear only the return: the setup, not Grid, failed.
        Assert.True(await LevelAsync(cluster.Silos[0]) is null or "unknown" or "normal", "Belarus was cut before the subscription existed; lengthen firstUpdate");

        await UntilAsync("Belarus is critical", async () => await LevelAsync(cluster.Silos[0]) == "critical", Wait, cluster, receiver);
        var victim = await VictimAsync(cluster, database);
        var survivors = cluster.Running.Where(s => s != victim).ToArray();
        output.WriteLine($"killing {cluster.IdOf(victim)}: {await OwnersAsync(cluster, database)}");
        using var stopLoad = new CancellationTokenSource();
        var load = ReadBelarusAsync(survivors, stopLoad.Token);
        victim.Kill();

        await UntilAsync("Belarus is normal again", async () => await LevelAsync(survivors[0]) == "normal", Wait, cluster, receiver);
        await UntilAsync("both alerts arrived", () => Task.FromResult(receiver.Accepted.Select(a => a.IdempotencyKey).Distinct().Count() >= 2), Wait, cluster, receiver);
        // Time for a duplicate, if one were coming (a redelivered event, a second activation).
        await Task.Delay(TimeSpan.FromSeconds(5));
        await stopLoad.CancelAsync();
        var (requests, failures) = await load;
        output.WriteLine($"after the kill: {await OwnersAsync(cluster, database)}; {requests} reads of BY on the survivors, {failures} failed; {receiver.Accepted.Count} deliveries");

        var byKey = receiver.Accepted.GroupBy(a => a.IdempotencyKey).ToList();
        Assert.Equal(2, byKey.Count);
        Assert.Equal(["critical", "normal"], byKey.Select(g => g.First().Level).Order(StringComparer.Ordinal));
        Assert.All(byKey, g => Assert.Single(g.Select(a => a.Level).Distinct()));
        Assert.True(failures == 0, $"{failures} of {requests} reads failed on the survivors");
        Assert.True(requests > 0);
    }

    private static async Task UntilAsync(string what, Func<Task<bool>> condition, TimeSpan timeout, SiloCluster cluster, WebhookReceiver receiver)
    {
        try
        {
            await Poll.UntilAsync(what, condition, timeout);
        }
        catch (TimeoutException ex)
        {
            var views = new List<string>();
            foreach (var silo in cluster.Running)
            {
                try
                {
                    views.Add($"{cluster.IdOf(silo)}: {await silo.Http.GetStringAsync("/v1/countries/BY")}");
                }
                catch (HttpRequestException e)
                {
                    views.Add($"{cluster.IdOf(silo)}: {e.Message}");
                }
            }

            var alerts = string.Join(", ", receiver.Accepted.Select(a => $"{a.Level} ({a.IdempotencyKey})"));
            throw new TimeoutException($"{ex.Message}\nBY as each silo answers:\n{string.Join("\n", views)}\nalerts received: {(alerts.Length == 0 ? "none" : alerts)}\n{cluster.Logs(60)}", ex);
        }
    }

    /// <summary>The silo to kill: not the collector (its replay would start over), and preferably the one running Belarus, the subscription's outbox or the alerts.</summary>
    private static async Task<SiloProcess> VictimAsync(SiloCluster cluster, string database)
    {
        var owners = await OwnersAsync(cluster, database);
        var candidates = cluster.Running.Where(s => cluster.IdOf(s) != owners.Collector).ToList();
        return candidates.FirstOrDefault(s => cluster.IdOf(s) == owners.Country)
            ?? candidates.FirstOrDefault(s => cluster.IdOf(s) == owners.Outbox)
            ?? candidates.FirstOrDefault(s => cluster.IdOf(s) == owners.Alerts)
            ?? candidates[0];
    }

    /// <summary>
    /// Which silo holds the routing lease (the lease row names the holder's Orleans silo port), and
    /// which holds Belarus's country grain and the alert grain (each silo's <c>/v1/cluster</c>).
    /// </summary>
    private static async Task<Owners> OwnersAsync(SiloCluster cluster, string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT port FROM grid_feed_lease WHERE name = 'routing' AND address IS NOT NULL", connection);
        var collectorPort = await command.ExecuteScalarAsync() as int?;
        string? country = null, alerts = null, outbox = null;
        foreach (var silo in cluster.Running)
        {
            try
            {
                var holds = (await SiloCluster.ViewAsync(silo)).GetProperty("holds");
                country = holds.GetProperty("country").EnumerateArray().Any(c => c.GetString() == "BY") ? cluster.IdOf(silo) : country;
                alerts = holds.GetProperty("alerts").GetArrayLength() > 0 ? cluster.IdOf(silo) : alerts;
                outbox = holds.GetProperty("outboxes").GetArrayLength() > 0 ? cluster.IdOf(silo) : outbox;
            }
            catch (HttpRequestException)
            {
                // A silo just killed: it holds nothing any more.
            }
        }

        return new Owners(cluster.Running.FirstOrDefault(s => cluster.SiloPortOf(s) == collectorPort) is { } collector ? cluster.IdOf(collector) : null, country, alerts, outbox);
    }

    private sealed record Owners(string? Collector, string? Country, string? Alerts, string? Outbox)
    {
        public override string ToString() => $"collector {Collector}, country/BY on {Country}, alerts on {Alerts}, the subscription's outbox on {Outbox}";
    }

    private static async Task<string?> LevelAsync(SiloProcess silo)
    {
        using var response = await silo.Http.GetAsync("/v1/countries/BY");
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        var status = await response.Content.ReadFromJsonAsync<JsonElement>();
        return status.TryGetProperty("level", out var level) ? level.GetString() : null;
    }

    private static async Task<(int Requests, int Failures)> ReadBelarusAsync(SiloProcess[] survivors, CancellationToken stop)
    {
        int requests = 0, failures = 0;
        while (!stop.IsCancellationRequested)
        {
            foreach (var silo in survivors)
            {
                requests++;
                try
                {
                    using var response = await silo.Http.GetAsync("/v1/countries/BY", CancellationToken.None);
                    failures += response.IsSuccessStatusCode ? 0 : 1;
                }
                catch (HttpRequestException)
                {
                    failures++;
                }
            }

            try
            {
                await Task.Delay(100, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return (requests, failures);
    }
}
