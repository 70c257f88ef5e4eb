using Grid.Grains.Alerts;
using Grid.Grains.Detection;
using Grid.Grains.Entities;
using Grid.Testing.Processes;
using Grid.Testing.Web;

namespace Grid.Grains.Tests.Alerts;

/// <summary>
/// A silo dies (its storage is cut where kill -9 would stop it) and a second silo adopts its
/// grains from the persisted state: every level change is alerted exactly once.
/// </summary>
public sealed class AlertsAcrossASiloDeathTests
{
    private const string Secret = "receiver-secret-0123456789";
    private static readonly DateTimeOffset Start = new(2019, 11, 15, 6, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AChangePublishedBeforeTheDeathIsNotAlertedAgainByTheAdoptingSilo()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var storage = new CuttableStorage();
        var first = await AlertSilo.StartAsync(storage: storage);
        await first.SubscribeAsync(receiver.Url, Secret, DetectionLevel.Critical);
        await first.SetVisibleAsync("IR", 60, 0, Start, epoch: 1);
        await first.SetVisibleAsync("IR", 10, 60, Start.AddDays(1), epoch: 1);
        first.Clock.Observe(Start.AddDays(1).AddHours(1));
        await Poll.UntilAsync("the critical alert was delivered", async () => (await first.Alerts.List(AlertDelivery.Delivered)).Length == 1, Wait);
        await Task.Delay(TimeSpan.FromSeconds(1));
        storage.Cut();
        await first.AbandonAsync();

        await using var second = await AlertSilo.StartAsync(storage: storage.Survivor);
        // The new collector announces the (still shrunken) table under its epoch; later the space returns.
        await second.SetVisibleAsync("IR", 10, 0, Start.AddDays(1).AddHours(1).AddMinutes(1), epoch: 2);
        await second.SetVisibleAsync("IR", 60, 10, Start.AddDays(1).AddHours(6), epoch: 2);
        second.Clock.Observe(Start.AddDays(1).AddHours(7));
        await Poll.UntilAsync("the recovery was alerted", () => Task.FromResult(receiver.Accepted.Count >= 2), Wait);
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal([DetectionLevel.Critical, DetectionLevel.Normal], receiver.Accepted.Select(a => a.Level));
        Assert.Equal(2, receiver.Accepted.Select(a => a.IdempotencyKey).Distinct().Count());
        Assert.Equal(2, (await second.Alerts.List(null)).Select(d => d.AnomalyId).Distinct().Count());
    }

    [Fact]
    public async Task AChangePersistedButNotYetPublishedIsPublishedOnceByTheAdoptingSilo()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var storage = new CuttableStorage();
        var first = await AlertSilo.StartAsync(storage: storage);
        await first.SubscribeAsync(receiver.Url, Secret, DetectionLevel.Critical);
        await first.SetVisibleAsync("IR", 60, 0, Start, epoch: 1);
        await first.SetVisibleAsync("IR", 10, 60, Start.AddDays(1), epoch: 1);

        // The entity's write of the critical step lands; the silo dies before it publishes.
        storage.DieAfterNextWrite("signals");
        first.Clock.Observe(Start.AddDays(1).AddHours(1));
        await Poll.UntilAsync("the silo died after writing", () => Task.FromResult(storage.IsCut), Wait);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(receiver.Accepted);
        await first.AbandonAsync();

        await using var second = await AlertSilo.StartAsync(storage: storage.Survivor);
        var adopted = await second.Grains.GetGrain<ICountryGrain>("IR").Status();
        Assert.Equal(DetectionLevel.Critical, adopted.Level);
        await Poll.UntilAsync("the critical alert arrived", () => Task.FromResult(receiver.Accepted.Count >= 1), Wait);
        second.Clock.Observe(Start.AddDays(1).AddHours(2));
        await second.SetVisibleAsync("IR", 10, 0, Start.AddDays(1).AddHours(2), epoch: 2);
        await Task.Delay(TimeSpan.FromSeconds(2));

        var alert = Assert.Single(receiver.Accepted);
        Assert.Equal(DetectionLevel.Critical, alert.Level);
        Assert.Equal("IR", alert.Entity);
    }
}
