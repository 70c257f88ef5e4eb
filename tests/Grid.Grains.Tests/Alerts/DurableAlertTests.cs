using Grid.Grains.Alerts;
using Grid.Grains.Detection;
using Grid.Grains.Entities;
using Grid.Grains.Tests.Hosting;
using Grid.Testing.Postgres;
using Grid.Testing.Processes;
using Grid.Testing.Web;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;

namespace Grid.Grains.Tests.Alerts;

/// <summary>
/// Streams deliver at least once: after the alert grain's silo dies, its new activation (seen ids
/// read back from PostgreSQL) may hear the same level changes again, and the receiver still gets
/// each alert once.
/// </summary>
public sealed class DurableAlertTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const string Secret = "receiver-secret-0123456789";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ARedeliveredLevelChangeIsNotAlertedTwice()
    {
        var database = await postgres.CreateDatabaseAsync("alerts_durable");
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var start = new DateTimeOffset(2011, 1, 26, 0, 0, 0, TimeSpan.Zero);
        await using var silo = await AlertSilo.StartAsync(postgres: database, silos: 2);
        var victim = silo.Cluster.Secondary();
        await GridTestCluster.OnSiloAsync(victim, () => silo.Alerts.Resume());
        Assert.Equal(victim.SiloAddress, silo.Cluster.SiloOf(silo.Alerts));

        await silo.SubscribeAsync(receiver.Url, Secret);
        await silo.SetVisibleAsync("EG", 50, start);
        await silo.SetVisibleAsync("EG", 6, start.AddDays(1));
        await silo.SetVisibleAsync("EG", 50, start.AddDays(1).AddHours(4));
        silo.Clock.Observe(start.AddDays(1).AddHours(5));
        var egypt = silo.Grains.GetGrain<ICountryGrain>("EG");
        await Poll.UntilAsync("EG is back to normal", async () => (await egypt.Status()).Level == DetectionLevel.Normal && (await egypt.Events()).Length == 1, Wait);
        await Poll.UntilAsync("two alerts arrived", () => Task.FromResult(receiver.Accepted.Count >= 2), Wait);
        // Only BGP fell: the event's routes were withdrawn, and the alert says so.
        Assert.Equal(["routes-withdrawn", "routes-withdrawn"], receiver.Accepted.Select(a => a.Mechanism));
        var delivered = await silo.Alerts.List(AlertDeliveryStatus.Delivered);
        Assert.Equal(2, delivered.Length);

        // The alert grain's silo dies; the stream hands the same changes (same ids) to its next activation.
        await silo.Cluster.KillSiloAsync(victim);
        var stream = GridTestCluster.ServicesOf(silo.Cluster.Primary).GetRequiredKeyedService<IStreamProvider>(AnomalyStream.Provider)
            .GetStream<AnomalyEvent>(StreamId.Create(AnomalyStream.Namespace, AnomalyStream.Key));
        foreach (var delivery in delivered.OrderBy(d => d.CreatedAt))
        {
            await stream.OnNextAsync(new AnomalyEvent(delivery.AnomalyId, "EG", EntityKind.Country, "EG", delivery.Level,
                delivery.Level == DetectionLevel.Normal ? DetectionLevel.Critical : DetectionLevel.Normal, start.AddDays(1), null, [], false));
        }

        await Poll.UntilAsync("the alert grain is active again on the survivor", () => Task.FromResult(silo.Cluster.SiloOf(silo.Alerts) == silo.Cluster.Primary.SiloAddress), Wait);
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal(2, receiver.Accepted.Count);
        Assert.Equal(2, receiver.Accepted.Select(a => a.IdempotencyKey).Distinct().Count());
        Assert.Equal(["critical", "normal"], receiver.Accepted.Select(a => a.Level));
        Assert.Equal(2, (await silo.Alerts.List(null)).Length);
    }
}
