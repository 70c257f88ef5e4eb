using Grid.Grains.Alerts;
using Grid.Grains.Detection;
using Grid.Grains.Entities;
using Grid.Grains.Tests.Hosting;
using Grid.Testing.Postgres;
using Grid.Testing.Processes;
using Grid.Testing.Web;

namespace Grid.Grains.Tests.Alerts;

/// <summary>
/// A delivery still pending when its outbox's silo dies is sent from a survivor without any new
/// anomaly or call: the subscription outbox's reminder (stored in PostgreSQL) reactivates it there.
/// </summary>
public sealed class OutboxReminderTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const string Secret = "receiver-secret-0123456789";
    private static readonly DateTimeOffset Start = new(2019, 11, 15, 6, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task APendingDeliveryLeavesFromASurvivorAfterItsOutboxsSiloDies()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        await receiver.StopAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Grid:Alerts:OutboxReminder"] = "00:00:02",
            // Short backoffs: once something reactivates the grain, the delivery leaves at once.
            ["Grid:Alerts:FirstBackoff"] = "00:00:01",
            ["Grid:Alerts:MaxBackoff"] = "00:00:01",
        };
        await using var silo = await AlertSilo.StartAsync(settings, postgres: await postgres.CreateDatabaseAsync("outbox_reminder"), silos: 2);
        var victim = silo.Cluster.Secondary();
        var subscription = await silo.SubscribeAsync(receiver.Url, Secret, DetectionLevel.Critical);
        var outbox = silo.OutboxOf(subscription);
        await GridTestCluster.OnSiloAsync(victim, () => outbox.List(null));
        Assert.Equal(victim.SiloAddress, silo.Cluster.SiloOf(outbox));

        await silo.SetVisibleAsync("IR", 60, Start);
        await silo.SetVisibleAsync("IR", 10, Start.AddDays(1));
        silo.Clock.Observe(Start.AddDays(1).AddHours(1));
        await Poll.UntilAsync("the critical alert is pending, its receiver down", async () =>
            (await silo.Alerts.List(AlertDeliveryStatus.Pending)) is [{ Attempts: > 0 }], Wait);

        await silo.Cluster.KillSiloAsync(victim);
        await receiver.StartAsync();

        // Nothing calls the outbox from here on: no anomaly, no List, no Resume.
        await Poll.UntilAsync("the pending alert arrived", () => Task.FromResult(receiver.Accepted.Count >= 1), Wait);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(receiver.Accepted.Select(a => a.IdempotencyKey).Distinct());
        Assert.Equal("critical", receiver.Accepted[0].Level);
        Assert.Equal(silo.Cluster.Primary.SiloAddress, silo.Cluster.SiloOf(outbox));
    }
}
