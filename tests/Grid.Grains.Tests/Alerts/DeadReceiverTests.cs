using Grid.Grains.Detection;
using Grid.Grains.Entities;
using Grid.Grains.Tests.Hosting;
using Grid.Testing.Processes;
using Grid.Testing.Web;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using Xunit.Abstractions;

namespace Grid.Grains.Tests.Alerts;

/// <summary>
/// Issue 15: a webhook receiver that never answers delays another subscriber's alert by less than
/// 1 s. Both receivers are real HTTP servers on loopback; the silent one holds every request until
/// the sender's own timeout.
/// </summary>
/// <remarks>
/// Measured with a 20 s request timeout: the alert grain that sent every webhook itself got the
/// healthy receiver Iran's alert 19,964 ms late; outboxes whose send timer does not interleave
/// get it there at once but hold the stream, and Syria's alert came 19,706 ms late.
/// </remarks>
public sealed class DeadReceiverTests(ITestOutputHelper output)
{
    private const string Secret = "receiver-secret-0123456789";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Allowed = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task AWebhookReceiverThatNeverAnswersDelaysAnotherSubscribersAlertByLessThanOneSecond()
    {
        // A long request timeout: a design that waits for the dead receiver waits this long.
        await using var silo = await AlertSilo.StartAsync(new Dictionary<string, string?> { ["Grid:Alerts:RequestTimeout"] = "00:00:20" });
        await using var healthy = await WebhookReceiver.StartAsync(Secret);
        await using var dead = await SilentWebhookReceiver.StartAsync();
        // The dead receiver subscribes first, so it comes first in any subscription order.
        await silo.SubscribeAsync(dead.Url, Secret);
        await silo.SubscribeAsync(healthy.Url, Secret);
        var anomalies = GridTestCluster.ServicesOf(silo.Cluster.Primary).GetRequiredKeyedService<IStreamProvider>(AnomalyStream.Provider)
            .GetStream<AnomalyEvent>(StreamId.Create(AnomalyStream.Namespace, AnomalyStream.Key));
        var at = new DateTimeOffset(2019, 11, 16, 12, 0, 0, TimeSpan.Zero);

        // One level change for both: the healthy subscriber's alert is expected when the dead one's left.
        await anomalies.OnNextAsync(Critical("IR", at));
        await Poll.UntilAsync("both receivers got Iran's alert", () => Task.FromResult(dead.Arrivals.Count >= 1 && healthy.Accepted.Count >= 1), Wait);
        var besideTheDead = healthy.Accepted[0].ArrivedAt - dead.Arrivals[0];

        // Two more changes on the stream while the dead receiver still holds its request; each is
        // expected when published. The second also finds out whether the first left the alert
        // grain waiting on the dead receiver's outbox (the stream delivers one event at a time).
        var behindTheDead = new List<TimeSpan>();
        foreach (var country in new[] { "IQ", "SY" })
        {
            var published = DateTimeOffset.UtcNow;
            await anomalies.OnNextAsync(Critical(country, at.AddMinutes(5)));
            await Poll.UntilAsync($"the healthy receiver got {country}'s alert", () => Task.FromResult(healthy.Accepted.Any(a => a.Entity == country)), Wait);
            behindTheDead.Add(healthy.Accepted.Single(a => a.Entity == country).ArrivedAt - published);
        }

        var held = DateTimeOffset.UtcNow - dead.Arrivals[0];
        output.WriteLine($"beside the dead receiver: {besideTheDead.TotalMilliseconds:0} ms; behind it: {string.Join(", ", behindTheDead.Select(d => $"{d.TotalMilliseconds:0} ms"))} (its request held {held.TotalSeconds:0.0} s)");

        Assert.True(besideTheDead < Allowed, $"the healthy receiver got Iran's alert {besideTheDead.TotalMilliseconds:0} ms after the dead one was sent it");
        Assert.All(behindTheDead, delay => Assert.True(delay < Allowed, $"the healthy receiver got an alert {delay.TotalMilliseconds:0} ms after it was published"));
        Assert.True(held < TimeSpan.FromSeconds(20), $"the dead receiver's first request was no longer held ({held.TotalSeconds:0.0} s): the later measures proved nothing");
        Assert.Equal(["IR", "IQ", "SY"], healthy.Accepted.Select(a => a.Entity));
        Assert.Equal(0, healthy.Rejected);
    }

    private static AnomalyEvent Critical(string country, DateTimeOffset at) =>
        new($"{country}:{at:O}", country, EntityKind.Country, country, DetectionLevel.Critical, DetectionLevel.Normal, at, null, [], false);
}
