using Grid.Grains.Detection;
using Grid.Grains.Entities;
using Grid.Testing.Processes;
using Grid.Testing.Web;

namespace Grid.Grains.Tests.Alerts;

/// <summary>
/// Routing-only cases through real country grains, the anomalies stream and the outbox, each
/// checked for level, events, score and what a real signature-checking receiver got.
/// </summary>
public sealed class RoutingScenarioTests
{
    private const string Secret = "receiver-secret-0123456789";
    private static readonly DateTimeOffset Start = new(2011, 1, 26, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AFourHourWithdrawalOfEightyEightPercentOfPrefixesIsCritical()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        await using var silo = await AlertSilo.StartAsync();
        await silo.SubscribeAsync(receiver.Url, Secret, DetectionLevel.Critical, countries: ["EG"]);

        // 50 /16s, of which 44 (88%) are withdrawn on 27 January 2011 for four hours.
        await silo.SetVisibleAsync("EG", 50, Start);
        await silo.SetVisibleAsync("EG", 6, Start.AddDays(1));
        await silo.SetVisibleAsync("EG", 50, Start.AddDays(1).AddHours(4));
        silo.Clock.Observe(Start.AddDays(1).AddHours(5));

        await Poll.UntilAsync("the critical and recovery alerts arrived", () => Task.FromResult(receiver.Accepted.Count >= 2), Wait);
        var egypt = silo.Grains.GetGrain<ICountryGrain>("EG");
        var outage = Assert.Single(await egypt.Events());
        Assert.Equal(DetectionLevel.Critical, outage.Level);
        Assert.Equal(TimeSpan.FromHours(4), outage.Duration);
        Assert.Equal(88 * 240, outage.Score, precision: 6);
        Assert.Equal(0.88, outage.Fraction, precision: 6);
        Assert.Equal(DetectionLevel.Normal, (await egypt.Status()).Level);
        Assert.Equal(["critical", "normal"], receiver.Accepted.Select(a => a.Level));
        Assert.All(receiver.Accepted, a => Assert.Empty(a.Tags));
        Assert.Equal(0, receiver.Rejected);
    }

    [Fact]
    public async Task OnePercentRoutingChurnStaysNormalAndAlertsNobody()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        await using var silo = await AlertSilo.StartAsync();
        await silo.SubscribeAsync(receiver.Url, Secret, DetectionLevel.Warning);

        await silo.SetVisibleAsync("TN", 100, Start);
        var at = Start.AddHours(2);
        for (var i = 0; i < 24; i++, at = at.AddMinutes(20))
        {
            await silo.SetVisibleAsync("TN", 99, at);
            await silo.SetVisibleAsync("TN", 100, at.AddMinutes(7));
        }

        silo.Clock.Observe(at.AddHours(1));
        var tunisia = silo.Grains.GetGrain<ICountryGrain>("TN");
        await Poll.UntilAsync("the clock reached the end", async () => (await tunisia.Status()).Signals["bgp"].Level == DetectionLevel.Normal, Wait);
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(DetectionLevel.Normal, (await tunisia.Status()).Level);
        Assert.Empty(await tunisia.Events());
        Assert.Empty(receiver.Accepted);
    }

    [Fact]
    public async Task AFlappingSignalRaisesOneEventAndTwoAlertsNotTen()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        await using var silo = await AlertSilo.StartAsync();
        await silo.SubscribeAsync(receiver.Url, Secret, DetectionLevel.Warning);

        await silo.SetVisibleAsync("SY", 50, Start);
        var at = Start.AddHours(2);
        for (var i = 0; i < 10; i++, at = at.AddMinutes(20))
        {
            await silo.SetVisibleAsync("SY", 10, at);
            await silo.SetVisibleAsync("SY", 50, at.AddMinutes(10));
        }

        silo.Clock.Observe(at.AddHours(1));
        var syria = silo.Grains.GetGrain<ICountryGrain>("SY");
        await Poll.UntilAsync("the recovery alert arrived", () => Task.FromResult(receiver.Accepted.Count >= 2), Wait);
        await Task.Delay(TimeSpan.FromSeconds(1));

        var outage = Assert.Single(await syria.Events());
        Assert.False(outage.IsOpen);
        // Ten 10-minute drops of 80%; the up phases in between score nothing.
        Assert.Equal(10 * 80 * 10, outage.Score, precision: 6);
        Assert.Equal(TimeSpan.FromMinutes(190), outage.Duration);
        Assert.Equal(["critical", "normal"], receiver.Accepted.Select(a => a.Level));
    }
}
