using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grid.Testing.Postgres;
using Grid.Testing.Processes;
using Grid.Testing.Silo;
using Grid.Testing.Web;

namespace Grid.Silo.Tests.Detection;

/// <summary>
/// With PostgreSQL storage, alerts queued while the receiver is down survive a silo restart and
/// arrive afterwards, once each; the events survive too.
/// </summary>
public sealed class OutboxRestartTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task AlertsQueuedDuringAReceiverOutageArriveOnceAfterASiloRestart()
    {
        using var world = await ShutdownWorld.CreateAsync();
        var environment = world.Environment();
        environment["Grid__Storage__Postgres"] = await postgres.CreateDatabaseAsync("outbox");
        await using var receiver = await WebhookReceiver.StartAsync(ShutdownWorld.Secret);
        await receiver.StopAsync();

        await using (var first = await SiloProcess.StartAsync([], environment))
        {
            var subscription = new { url = receiver.Url, secret = ShutdownWorld.Secret, countries = new[] { "BY" } };
            using var created = await first.Http.SendAsync(ShutdownWorld.Admin(HttpMethod.Post, "/v1/subscriptions", JsonContent.Create(subscription)));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // Six hours of recorded time per second: paced, so the withdrawal and the return reach Belarus as separate changes.
        await using (var replay = await SiloProcess.StartAsync(["--mrt", world.Rib, world.Updates, "--mrt-speed", "21600"], environment))
        {
            await Poll.UntilAsync("both alerts are queued and have failed at least once", async () =>
            {
                var pending = await AlertsAsync(replay, "pending");
                return pending.GetArrayLength() == 2 && pending.EnumerateArray().All(d => d.GetProperty("attempts").GetInt32() >= 1);
            }, Wait);
            var queued = await AlertsAsync(replay, "pending");
            Assert.All(queued.EnumerateArray(), d => Assert.Contains("ConnectionError", d.GetProperty("lastError").GetString(), StringComparison.Ordinal));
        }

        Assert.Empty(receiver.Accepted);
        await receiver.StartAsync();
        await using var restarted = await SiloProcess.StartAsync([], environment);
        await Poll.UntilAsync("both alerts arrived after the restart", () => Task.FromResult(receiver.Accepted.Count >= 2), Wait);
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(2, receiver.Accepted.Count);
        Assert.Equal(2, receiver.Accepted.Select(a => a.IdempotencyKey).Distinct().Count());
        Assert.Equal(["critical", "normal"], receiver.Accepted.Select(a => a.Level).Order(StringComparer.Ordinal));
        Assert.Equal(0, receiver.Rejected);
        Assert.Equal(0, (await AlertsAsync(restarted, "pending")).GetArrayLength());
        Assert.Equal(2, (await AlertsAsync(restarted, "delivered")).GetArrayLength());

        var events = await restarted.Http.GetFromJsonAsync<JsonElement>("/v1/events?country=BY");
        var outage = Assert.Single(events.GetProperty("items").EnumerateArray());
        Assert.Equal(75 * 360, outage.GetProperty("score").GetDouble());
        Assert.Equal("resolved", outage.GetProperty("status").GetString());
    }

    private static async Task<JsonElement> AlertsAsync(SiloProcess silo, string status)
    {
        using var response = await silo.Http.SendAsync(ShutdownWorld.Admin(HttpMethod.Get, $"/v1/alerts?status={status}"));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
