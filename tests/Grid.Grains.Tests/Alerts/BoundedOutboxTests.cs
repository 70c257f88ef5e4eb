using Grid.Grains.Alerts;
using Grid.Grains.Detection;
using Grid.Testing.Processes;
using Grid.Testing.Web;

namespace Grid.Grains.Tests.Alerts;

/// <summary>
/// A subscription's outbox against a receiver that accepts TCP and never answers: it holds a bounded
/// number of pending deliveries, and deleting the subscription aborts what is in flight.
/// </summary>
public sealed class BoundedOutboxTests
{
    private const string Secret = "receiver-secret-0123456789";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PastMaxPendingTheOldestPendingDeliveryBecomesADeadLetter()
    {
        await using var target = BlackholeReceiver.Start();
        await using var silo = await AlertSilo.StartAsync(new Dictionary<string, string?>
        {
            ["Grid:Alerts:MaxPending"] = "2",
            ["Grid:Alerts:RequestTimeout"] = "00:00:30",
        });
        var subscription = await silo.SubscribeAsync(target.Url, Secret);
        var outbox = silo.OutboxOf(subscription);

        var deliveries = new[] { "IR", "IQ", "SY" }.Select((country, i) => Delivery(subscription, country, DateTimeOffset.UtcNow.AddSeconds(i))).ToList();
        foreach (var delivery in deliveries)
        {
            await outbox.Enqueue(delivery);
        }

        var dead = Assert.Single(await silo.Alerts.List(AlertDeliveryStatus.Failed));
        Assert.Equal(deliveries[0].Id, dead.Id);
        Assert.Contains("Grid:Alerts:MaxPending", dead.LastError, StringComparison.Ordinal);
        Assert.Equal([deliveries[2].Id, deliveries[1].Id], (await silo.Alerts.List(AlertDeliveryStatus.Pending)).Select(d => d.Id));
    }

    [Fact]
    public async Task DeletingASubscriptionAbortsItsAttemptAndCancelsWhatIsPending()
    {
        await using var target = BlackholeReceiver.Start();
        await using var silo = await AlertSilo.StartAsync(new Dictionary<string, string?> { ["Grid:Alerts:RequestTimeout"] = "00:00:30" });
        var subscription = await silo.SubscribeAsync(target.Url, Secret);
        var outbox = silo.OutboxOf(subscription);
        await outbox.Enqueue(Delivery(subscription, "IR", DateTimeOffset.UtcNow));
        await outbox.Enqueue(Delivery(subscription, "IQ", DateTimeOffset.UtcNow.AddSeconds(1)));
        await Poll.UntilAsync("the first attempt is in flight", () => Task.FromResult(target.Open == 1), Wait);

        Assert.True(await silo.Grains.GetGrain<ISubscriptionsGrain>(ISubscriptionsGrain.Key).Remove(subscription.Id));

        // The request held by the receiver is aborted at once, not after the 30 s timeout.
        await Poll.UntilAsync("the attempt in flight was aborted", () => Task.FromResult(target.Open == 0), TimeSpan.FromSeconds(5));
        var accepted = target.Accepted;
        Assert.Equal(2, (await outbox.List(AlertDeliveryStatus.Cancelled)).Length);
        Assert.Empty(await outbox.List(AlertDeliveryStatus.Pending));

        // Nothing more is queued or sent to it: a late enqueue (a change matched before the deletion) is dropped.
        await outbox.Enqueue(Delivery(subscription, "SY", DateTimeOffset.UtcNow));
        Assert.Equal(0, await outbox.Resume());
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(accepted, target.Accepted);
        Assert.Equal(2, (await outbox.List(null)).Length);
    }

    private static AlertDelivery Delivery(Subscription subscription, string country, DateTimeOffset createdAt)
    {
        var anomalyId = $"{country}:2019-11-16T00:00:00Z";
        var id = WebhookBody.DeliveryId(anomalyId, subscription.Id);
        var body = $$"""{"id":"{{id}}","entity":"{{country}}","level":"critical"}""";
        return new AlertDelivery
        {
            Id = id,
            SubscriptionId = subscription.Id,
            AnomalyId = anomalyId,
            Entity = country,
            Level = DetectionLevel.Critical,
            Url = subscription.Url,
            Body = body,
            Signature = WebhookBody.Sign(body, Secret),
            CreatedAt = createdAt,
            NextAttemptAt = createdAt,
        };
    }
}
