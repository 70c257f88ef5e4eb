using Grid.Grains.Alerts;
using Grid.Grains.Detection;
using Grid.Grains.Elections;
using Grid.Grains.Entities;
using Grid.Testing.Processes;
using Grid.Testing.Web;

namespace Grid.Grains.Tests.Alerts;

/// <summary>
/// Level changes of real entity grains, through the anomalies stream, the alert grain and the
/// subscriptions' outboxes, to a real HTTP receiver that verifies each signature.
/// </summary>
public sealed class AlertScenarioTests
{
    private const string Secret = "receiver-secret-0123456789";
    private static readonly DateTimeOffset BelarusElection = new(2020, 8, 9, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ANationalShutdownOnElectionDayIsAlertedWithTheElectionTagToAnElectionOnlySubscriber()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        await using var elsewhere = await WebhookReceiver.StartAsync(Secret);
        await using var silo = await AlertSilo.StartAsync();
        await silo.Grains.GetGrain<IElectionCalendarGrain>(IElectionCalendarGrain.Key)
            .Add([new ElectionEntry("BY", DateOnly.FromDateTime(BelarusElection.UtcDateTime), "Election for President", "electionguide")]);
        await silo.SubscribeAsync(receiver.Url, Secret, DetectionLevel.Critical, electionOnly: true);
        await silo.SubscribeAsync(elsewhere.Url, Secret, countries: ["EG"]);

        // A day of 40 visible /16s (10,240 /24s), then 30 withdrawn at 06:00 UTC on election day for six hours.
        var start = BelarusElection.AddDays(-1).AddHours(6);
        await silo.SetVisibleAsync("BY", 40, start);
        await silo.SetVisibleAsync("BY", 10, start.AddDays(1));
        await silo.SetVisibleAsync("BY", 40, start.AddDays(1).AddHours(6));
        silo.Clock.Observe(start.AddDays(1).AddHours(7));
        var country = silo.Grains.GetGrain<ICountryGrain>("BY");
        await Poll.UntilAsync("BY is back to normal", async () => (await country.Status()).Level == DetectionLevel.Normal && (await country.Events()).Length == 1, Wait);
        await Poll.UntilAsync("two alerts arrived", () => Task.FromResult(receiver.Accepted.Count >= 2), Wait);

        var outage = Assert.Single(await country.Events());
        Assert.Equal(DetectionLevel.Critical, outage.Level);
        Assert.Equal(BelarusElection.AddHours(6), outage.Start);
        Assert.Equal(TimeSpan.FromHours(6), outage.Duration);
        Assert.Equal(75 * 360, outage.Score, precision: 6);
        Assert.True(outage.Election);

        Assert.Equal(["critical", "normal"], receiver.Accepted.Select(a => a.Level));
        Assert.All(receiver.Accepted, a => Assert.Equal(["election"], a.Tags));
        Assert.All(receiver.Accepted, a => Assert.Equal("BY", a.Entity));
        Assert.Equal(0, receiver.Rejected);
        Assert.Equal(2, receiver.Accepted.Select(a => a.IdempotencyKey).Distinct().Count());
        var critical = receiver.Accepted[0].Json;
        Assert.Equal("normal", critical.GetProperty("previousLevel").GetString());
        Assert.Equal(outage.Id, critical.GetProperty("event").GetString());
        Assert.Equal(0.25, critical.GetProperty("signals").EnumerateArray().Single(s => s.GetProperty("signal").GetString() == "bgp").GetProperty("ratio").GetDouble(), precision: 6);
        Assert.Empty(elsewhere.Accepted);
    }

    [Fact]
    public async Task AfterAReceiverOutageEveryAlertArrivesOnceUnderItsIdempotencyKey()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        await using var silo = await AlertSilo.StartAsync();
        await silo.SubscribeAsync(receiver.Url, Secret);
        await receiver.StopAsync();

        var start = new DateTimeOffset(2011, 1, 26, 0, 0, 0, TimeSpan.Zero);
        foreach (var country in new[] { "EG", "LY", "SY" })
        {
            await silo.SetVisibleAsync(country, 50, start);
        }

        foreach (var country in new[] { "EG", "LY", "SY" })
        {
            await silo.SetVisibleAsync(country, 6, start.AddDays(1));
            await silo.SetVisibleAsync(country, 50, start.AddDays(1).AddHours(4));
        }

        silo.Clock.Observe(start.AddDays(1).AddHours(5));
        AlertDelivery[] pending = [];
        try
        {
            await Poll.UntilAsync("six alerts are queued and retried", async () =>
            {
                pending = await silo.Alerts.List(AlertDeliveryStatus.Pending);
                return pending.Length == 6 && pending.All(d => d.Attempts >= 2 && d.LastError is not null);
            }, Wait);
        }
        catch (TimeoutException ex)
        {
            // Failed once in a fresh CI run (1 of 5, 2026-12-04): say what the outbox held.
            var held = string.Join("; ", pending.Select(d => $"{d.Entity} {d.Level}: {d.Attempts} attempts, next {d.NextAttemptAt:HH:mm:ss.fff}, {d.LastError ?? "no error"}"));
            throw new TimeoutException($"{ex.Message} Pending: {pending.Length} ({held})", ex);
        }

        await receiver.StartAsync();
        await Poll.UntilAsync("all six arrived", () => Task.FromResult(receiver.Accepted.Count >= 6), Wait);
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal(6, receiver.Accepted.Count);
        Assert.Equal(6, receiver.Accepted.Select(a => a.IdempotencyKey).Distinct().Count());
        Assert.Equal(
            ["EG:critical", "EG:normal", "LY:critical", "LY:normal", "SY:critical", "SY:normal"],
            receiver.Accepted.Select(a => $"{a.Entity}:{a.Level}").Order(StringComparer.Ordinal));
        Assert.Empty(await silo.Alerts.List(AlertDeliveryStatus.Pending));
        Assert.Equal(6, (await silo.Alerts.List(AlertDeliveryStatus.Delivered)).Length);
    }

    [Fact]
    public async Task AReceiverThatNeverAnswersEndsAsADeadLetter()
    {
        await using var silo = await AlertSilo.StartAsync(new Dictionary<string, string?> { ["Grid:Alerts:MaxAttempts"] = "3" });
        await silo.SubscribeAsync(new Uri($"http://127.0.0.1:{LoopbackPort.FindFree()}/nobody"), Secret);
        var start = new DateTimeOffset(2019, 11, 16, 0, 0, 0, TimeSpan.Zero);
        await silo.SetVisibleAsync("IR", 60, start);
        await silo.SetVisibleAsync("IR", 10, start.AddDays(1));
        silo.Clock.Observe(start.AddDays(1).AddHours(1));

        await Poll.UntilAsync("the alert is a dead letter", async () => (await silo.Alerts.List(AlertDeliveryStatus.Failed)).Length == 1, Wait);
        var failed = Assert.Single(await silo.Alerts.List(AlertDeliveryStatus.Failed));
        Assert.Equal(3, failed.Attempts);
        Assert.Equal("IR", failed.Entity);
        Assert.Contains("ConnectionError", failed.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProbesOnlyDropWhileRoutesStayUpIsCriticalOnProbes()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        await using var silo = await AlertSilo.StartAsync();
        await silo.SubscribeAsync(receiver.Url, Secret, DetectionLevel.Critical, countries: ["MM"]);
        var start = new DateTimeOffset(2021, 2, 1, 0, 0, 0, TimeSpan.Zero);
        var myanmar = silo.Grains.GetGrain<ICountryGrain>("MM");
        await silo.SetVisibleAsync("MM", 20, start);
        for (var at = start; at < start.AddDays(8); at += TimeSpan.FromMinutes(10))
        {
            var cut = at >= start.AddDays(7).AddHours(18) && at < start.AddDays(7).AddHours(22);
            await myanmar.RecordSignal("probes", at, cut ? 1_000 : 5_000);
        }

        await Poll.UntilAsync("the critical alert arrived", () => Task.FromResult(receiver.Accepted.Count >= 2), Wait);
        var status = await myanmar.Status();
        Assert.Equal(DetectionLevel.Normal, status.Signals["bgp"].Level);
        Assert.Equal(5_000, status.Signals["probes"].Baseline);
        var outage = Assert.Single(await myanmar.Events());
        Assert.Equal("probes", outage.DataSource);
        Assert.Equal(80 * 240, outage.Score, precision: 6);
        var critical = receiver.Accepted[0];
        Assert.Equal("critical", critical.Level);
        var signals = critical.Json.GetProperty("signals").EnumerateArray().ToDictionary(s => s.GetProperty("signal").GetString()!, s => s.GetProperty("level").GetString());
        Assert.Equal("normal", signals["bgp"]);
        Assert.Equal("critical", signals["probes"]);
    }

    [Fact]
    public async Task AnAsInsideItsCountrysElectionWindowWarnsAtTheLowerBar()
    {
        await using var silo = await AlertSilo.StartAsync();
        await silo.Grains.GetGrain<IElectionCalendarGrain>(IElectionCalendarGrain.Key)
            .Add([new ElectionEntry("BY", DateOnly.FromDateTime(BelarusElection.UtcDateTime), "Election for President", "electionguide")]);
        // AS6697 (Beltelecom) is registered in Belarus in the real RIR data.
        var beltelecom = silo.Grains.GetGrain<IAsGrain>("AS6697");
        var start = BelarusElection.AddHours(-2);
        for (var at = start; at < start.AddHours(3); at += TimeSpan.FromMinutes(1))
        {
            await beltelecom.RecordSignal("probes", at, at < BelarusElection ? 4_000 : 3_400);
        }

        var status = await beltelecom.Status();
        // 0.85 of the baseline: normal by IODA's 0.8, a warning by the election bar of 0.9.
        Assert.Equal("BY", status.Country);
        Assert.Equal(DetectionLevel.Warning, status.Level);
        Assert.True(status.OpenEvent!.Election);
    }
}
