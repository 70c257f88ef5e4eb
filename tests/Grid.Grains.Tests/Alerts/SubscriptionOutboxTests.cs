using Grid.Grains.Alerts;
using Grid.Grains.Detection;
using Grid.Testing.Processes;
using Grid.Testing.Web;

namespace Grid.Grains.Tests.Alerts;

/// <summary>One subscription's outbox, called directly, sending to a real signature-checking receiver.</summary>
public sealed class SubscriptionOutboxTests
{
    private const string Secret = "receiver-secret-0123456789";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task EnqueuingTheSameDeliveryTwiceSendsItOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        await using var silo = await AlertSilo.StartAsync();
        var subscription = await silo.SubscribeAsync(receiver.Url, Secret);
        var outbox = silo.OutboxOf(subscription);
        var delivery = Delivery(subscription, "IR:2019-11-16T00:00:00Z");

        // As after a crash between the enqueue and the alert grain's write: the same change, enqueued again.
        await Task.WhenAll(outbox.Enqueue(delivery), outbox.Enqueue(delivery));
        await Poll.UntilAsync("the alert arrived", () => Task.FromResult(receiver.Accepted.Count >= 1), Wait);
        await outbox.Enqueue(delivery);
        await Task.Delay(TimeSpan.FromSeconds(1));

        var received = Assert.Single(receiver.Accepted);
        Assert.Equal(delivery.Id, received.IdempotencyKey);
        var stored = Assert.Single(await outbox.List(null));
        Assert.Equal(AlertDeliveryStatus.Delivered, stored.Status);
        Assert.Equal(1, stored.Attempts);
        Assert.Equal(stored.Id, Assert.Single(await silo.Alerts.List(AlertDeliveryStatus.Delivered)).Id);
    }

    [Fact]
    public async Task APendingDeliveryTheAlertGrainStoredItselfIsSentFromItsSubscriptionsOutbox()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        await using var silo = await AlertSilo.StartAsync();
        var subscription = await silo.SubscribeAsync(receiver.Url, Secret);
        var delivery = Delivery(subscription, "EG:2011-01-27T00:00:00Z");
        // The state an alert grain left when it kept every subscription's deliveries in one outbox.
        await silo.Cluster.StoreAsync(silo.Alerts.GetGrainId(), "outbox", new AlertState { Outbox = [delivery], SeenAnomalies = [delivery.AnomalyId] });

        await silo.Alerts.Resume();
        await Poll.UntilAsync("the stored alert arrived", () => Task.FromResult(receiver.Accepted.Count >= 1), Wait);
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(delivery.Id, Assert.Single(receiver.Accepted).IdempotencyKey);
        Assert.Equal(delivery.Id, Assert.Single(await silo.Alerts.List(AlertDeliveryStatus.Delivered)).Id);
        var stored = await silo.Cluster.StoredAsync<AlertState>(silo.Alerts.GetGrainId(), "outbox");
        Assert.Empty(stored.Outbox);
        Assert.Equal([subscription.Id], stored.Outboxes);
        Assert.Equal([delivery.AnomalyId], stored.SeenAnomalies);
    }

    private static AlertDelivery Delivery(Subscription subscription, string anomalyId)
    {
        var id = WebhookBody.DeliveryId(anomalyId, subscription.Id);
        var body = $$"""{"id":"{{id}}","entity":"IR","level":"critical"}""";
        var now = DateTimeOffset.UtcNow;
        return new AlertDelivery
        {
            Id = id,
            SubscriptionId = subscription.Id,
            AnomalyId = anomalyId,
            Entity = "IR",
            Level = DetectionLevel.Critical,
            Url = subscription.Url,
            Body = body,
            Signature = WebhookBody.Sign(body, Secret),
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }
}
