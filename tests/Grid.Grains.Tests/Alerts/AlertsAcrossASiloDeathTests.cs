using Grid.Grains.Alerts;
using Grid.Grains.Detection;
using Grid.Grains.Entities;
using Grid.Grains.Tests.Hosting;
using Grid.Testing.Postgres;
using Grid.Testing.Processes;
using Grid.Testing.Web;
using Orleans.TestingHost;

namespace Grid.Grains.Tests.Alerts;

/// <summary>
/// The silo holding a country grain is killed (two silos, grain state in PostgreSQL) and the
/// survivor activates the grain from its persisted state: every level change is alerted exactly once.
/// </summary>
public sealed class AlertsAcrossASiloDeathTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const string Secret = "receiver-secret-0123456789";
    private static readonly DateTimeOffset Start = new(2019, 11, 15, 6, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>Two silos on a fresh database, with IR's grain activated on the secondary (the one that will die).</summary>
    private async Task<(AlertSilo Silo, SiloHandle Victim)> StartWithIranOnTheVictimAsync()
    {
        var silo = await AlertSilo.StartAsync(postgres: await postgres.CreateDatabaseAsync("alerts_death"), silos: 2);
        var victim = silo.Cluster.Secondary();
        var iran = silo.Grains.GetGrain<ICountryGrain>("IR");
        await GridTestCluster.OnSiloAsync(victim, () => iran.Status());
        Assert.Equal(victim.SiloAddress, silo.Cluster.SiloOf(iran));
        return (silo, victim);
    }

    [Fact]
    public async Task AChangePublishedBeforeTheDeathIsNotAlertedAgainByTheAdoptingSilo()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var (silo, victim) = await StartWithIranOnTheVictimAsync();
        await using var _ = silo;
        await silo.SubscribeAsync(receiver.Url, Secret, DetectionLevel.Critical);
        await silo.SetVisibleAsync("IR", 60, Start);
        await silo.SetVisibleAsync("IR", 10, Start.AddDays(1));
        silo.Clock.Observe(Start.AddDays(1).AddHours(1));
        await Poll.UntilAsync("the critical alert was delivered", async () => (await silo.Alerts.List(AlertDeliveryStatus.Delivered)).Length == 1, Wait);
        await Task.Delay(TimeSpan.FromSeconds(1));

        await silo.Cluster.KillSiloAsync(victim);
        // The change is still in the stored outbox (cleared at the entity's next write, which never
        // came): the adopting activation publishes it again, and the alert grain must drop it.
        var stored = await silo.Cluster.StoredAsync<EntityState>(silo.Grains.GetGrain<ICountryGrain>("IR").GetGrainId(), "signals");
        Assert.Contains(stored.Unpublished, change => change.Level == DetectionLevel.Critical);

        // The shard reports the (still shrunken) count to the adopted grain; later the space returns.
        await silo.SetVisibleAsync("IR", 10, Start.AddDays(1).AddHours(1).AddMinutes(1));
        Assert.Equal(silo.Cluster.Primary.SiloAddress, silo.Cluster.SiloOf(silo.Grains.GetGrain<ICountryGrain>("IR")));
        await silo.SetVisibleAsync("IR", 60, Start.AddDays(1).AddHours(6));
        silo.Clock.Observe(Start.AddDays(1).AddHours(7));
        await Poll.UntilAsync("the recovery was alerted", () => Task.FromResult(receiver.Accepted.Count >= 2), Wait);
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal(["critical", "normal"], receiver.Accepted.Select(a => a.Level));
        Assert.Equal(2, receiver.Accepted.Select(a => a.IdempotencyKey).Distinct().Count());
        Assert.Equal(2, (await silo.Alerts.List(null)).Select(d => d.AnomalyId).Distinct().Count());
    }

    [Fact]
    public async Task AChangePersistedButNotYetPublishedIsPublishedOnceByTheAdoptingSilo()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var (silo, victim) = await StartWithIranOnTheVictimAsync();
        await using var _ = silo;
        await silo.SetVisibleAsync("IR", 60, Start);
        await silo.SetVisibleAsync("IR", 10, Start.AddDays(1));

        // The entity writes the critical step with its level change in the outbox, then publishes.
        // Nobody subscribes yet, so for alerting the change is as unpublished as if the silo had
        // died between the write and the publish; it dies now, before the next write clears the outbox.
        silo.Clock.Observe(Start.AddDays(1).AddHours(1));
        var iran = silo.Grains.GetGrain<ICountryGrain>("IR");
        await Poll.UntilAsync("IR went critical", async () => (await iran.Status()).Level == DetectionLevel.Critical, Wait);
        await silo.Cluster.KillSiloAsync(victim);
        var stored = await silo.Cluster.StoredAsync<EntityState>(iran.GetGrainId(), "signals");
        Assert.Contains(stored.Unpublished, change => change.Level == DetectionLevel.Critical);
        Assert.Empty(receiver.Accepted);

        await silo.SubscribeAsync(receiver.Url, Secret, DetectionLevel.Critical);
        var adopted = await iran.Status();
        Assert.Equal(silo.Cluster.Primary.SiloAddress, silo.Cluster.SiloOf(iran));
        Assert.Equal(DetectionLevel.Critical, adopted.Level);
        await Poll.UntilAsync("the critical alert arrived", () => Task.FromResult(receiver.Accepted.Count >= 1), Wait);
        silo.Clock.Observe(Start.AddDays(1).AddHours(2));
        await silo.SetVisibleAsync("IR", 10, Start.AddDays(1).AddHours(2));
        await Task.Delay(TimeSpan.FromSeconds(2));

        var alert = Assert.Single(receiver.Accepted);
        Assert.Equal("critical", alert.Level);
        Assert.Equal("IR", alert.Entity);
    }
}
