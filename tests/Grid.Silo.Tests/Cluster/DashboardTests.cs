using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grid.Testing.Postgres;
using Grid.Testing.Processes;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Cluster;

/// <summary>The Orleans Dashboard at /dashboard: it shows every silo of the cluster, only to local callers and admin keys, and can be turned off.</summary>
public sealed class DashboardTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TheDashboardShowsEverySiloOfTheCluster()
    {
        var database = await postgres.CreateDatabaseAsync("dashboard");
        await using var cluster = await SiloCluster.StartAsync(database, 2, new Dictionary<string, string?> { ["Grid__Feeds__RisLive__Enabled"] = "false" });
        await cluster.WaitUntilFormedAsync(Wait);

        using var page = await cluster.Silos[0].Http.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<title>Orleans Dashboard</title>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        string[] names = [];
        await Poll.UntilAsync("the dashboard lists both silos as active", async () =>
        {
            var counters = await cluster.Silos[1].Http.GetFromJsonAsync<JsonElement>("/dashboard/DashboardCounters");
            names = [.. counters.GetProperty("hosts").EnumerateArray()
                .Where(h => h.GetProperty("status").GetString() == "Active")
                .Select(h => h.GetProperty("siloName").GetString()!)
                .Order(StringComparer.Ordinal)];
            return names.SequenceEqual(["silo-1", "silo-2"]);
        }, Wait);
    }

    [Fact]
    public async Task ARelayedCallerNeedsAnAdminKeyForTheDashboardAndItCanBeTurnedOff()
    {
        await using (var keyed = await SiloProcess.StartAsync(environment: new Dictionary<string, string?> { ["Grid__Feeds__RisLive__Enabled"] = "false", ["Grid__Auth__RequireKeyForReads"] = "true" }))
        {
            // It names silos and addresses: a caller that is not this machine's own (here one relayed
            // by a proxy) needs an admin key, whatever the read rule.
            using var relayed = new HttpRequestMessage(HttpMethod.Get, "/dashboard/DashboardCounters") { Headers = { { "X-Forwarded-For", "203.0.113.5" } } };
            using var counters = await keyed.Http.SendAsync(relayed);
            Assert.Equal(HttpStatusCode.Unauthorized, counters.StatusCode);
        }

        await using var off = await SiloProcess.StartAsync(environment: new Dictionary<string, string?> { ["Grid__Feeds__RisLive__Enabled"] = "false", ["Grid__Dashboard__Enabled"] = "false" });
        using var gone = await off.Http.GetAsync("/dashboard/DashboardCounters");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}
