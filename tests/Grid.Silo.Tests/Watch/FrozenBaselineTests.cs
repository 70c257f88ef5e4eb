using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Grid.Silo.Tests.Api;
using Grid.Testing.Data;
using Grid.Testing.Processes;
using Grid.Testing.Silo;
using Grid.Testing.Web;

namespace Grid.Silo.Tests.Watch;

/// <summary>
/// Watch mode freezes the baseline at a window's start (issue 20, "Done when"): the same slow
/// decline, 10% a day, POSTed as a series into <c>/v1/signals</c> for two countries, turns LA's
/// level to warning inside a watch window and is absorbed into KH's baseline outside one.
/// </summary>
public sealed class FrozenBaselineTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2021, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private const int StableDays = 2;
    private const int DecliningDays = 4;
    private const double Level = 1000;

    private const string Secret = "frozen-baseline-secret-0123";

    private SiloProcess? _silo;
    private WebhookReceiver? _receiver;

    private SiloProcess Silo => _silo!;

    /// <summary>
    /// Why the difference is clear: with a one-day history the median of a series falling 10% a day
    /// is about its value twelve hours earlier, so outside a window the ratio stays near 0.9^0.5 ≈ 0.95,
    /// above the warning bar (0.8) and even above the lower bar of a watch window (0.9), and inside the
    /// outlier band (0.8), so every value enters the history and the baseline follows the decline.
    /// Inside the window the baseline stays at 1000, the ratio falls to 0.9^k on day k, and the level
    /// warns once it stays below 0.9 for MinDuration. No setting of the outlier hold is needed.
    /// </summary>
    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync(Secret);
        _silo = await SiloProcess.StartAsync([], ApiSilo.Settings(new Dictionary<string, string?>
    {
        ["Grid__Feeds__RisLive__Enabled"] = "false",
        ["Grid__Alerts__AllowPrivateTargets"] = "true",
        ["Grid__Alerts__AllowedPorts"] = "1-65535",
        ["Grid__Alerts__OutboxTick"] = "00:00:00.100",
        ["Grid__Detection__Signals__answers__Like"] = "probes",
        ["Grid__Watch__Stop"] = SharedData.PathOf("shutdowns", "accessnow-stop-2016-2022.normalized.csv"),
        ["Grid__Detection__Signals__answers__History"] = "1.00:00:00",
        ["Grid__Detection__Signals__answers__WarmUp"] = "12:00:00",
        ["Grid__Detection__Signals__answers__MinDuration"] = "02:00:00",
    }));
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
    }

    [Fact]
    public async Task ASlowDeclineWarnsInsideAWatchWindowAndIsAbsorbedOutsideIt()
    {
        var windowOpens = DateOnly.FromDateTime(Start.AddDays(StableDays).UtcDateTime);
        using var added = await Silo.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/watch", JsonContent.Create(new
        {
            kind = "protest", country = "LA", start = windowOpens.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), end = windowOpens.AddDays(DecliningDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            beforeDays = 0, afterDays = 0, title = "test window",
        })));
        Assert.Equal(1, (await ApiSilo.JsonAsync(added)).GetProperty("added").GetInt32());
        // A region's own entry watches that region alone: KH-12 (Phnom Penh), not KH-18 nor KH itself.
        using var regional = await Silo.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/watch", JsonContent.Create(new
        {
            kind = "exam", region = "KH-12", start = windowOpens.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), end = windowOpens.AddDays(DecliningDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            beforeDays = 0, afterDays = 0, title = "test window",
        })));
        Assert.Equal(1, (await ApiSilo.JsonAsync(regional)).GetProperty("added").GetInt32());
        using var subscribed = await Silo.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/subscriptions", JsonContent.Create(new { url = _receiver!.Url, secret = Secret })));
        Assert.True(subscribed.IsSuccessStatusCode, await subscribed.Content.ReadAsStringAsync());

        foreach (var entity in new[] { "country/LA", "country/KH", "region/KH-12", "region/KH-18" })
        {
            using var posted = await Silo.Http.SendAsync(ApiSilo.With(ApiSilo.IngestKey, HttpMethod.Post, "/v1/signals", JsonContent.Create(new { points = Series(entity) })));
            Assert.Equal(0, (await ApiSilo.JsonAsync(posted)).GetProperty("refused").GetArrayLength());
        }

        var watched = await StatusAsync("countries/LA");
        var outside = await StatusAsync("countries/KH");
        var watchedAnswers = watched.GetProperty("signals").GetProperty("answers");
        var outsideAnswers = outside.GetProperty("signals").GetProperty("answers");

        Assert.Equal("warning", watched.GetProperty("level").GetString());
        // Frozen: the baseline is the level before the window, whatever the decline since.
        Assert.Equal(Level, watchedAnswers.GetProperty("baseline").GetDouble());
        Assert.Equal("normal", outside.GetProperty("level").GetString());
        // Absorbed: after four days at 10% a day (0.9^4 ≈ 0.66) the baseline has followed the values down.
        Assert.InRange(outsideAnswers.GetProperty("baseline").GetDouble(), 0.6 * Level, 0.75 * Level);
        Assert.InRange(outsideAnswers.GetProperty("ratio").GetDouble(), 0.9, 1.0);
        // The event that warned is the window's: it began inside it, and carries its kind.
        var events = await ApiSilo.JsonAsync(await Silo.Http.GetAsync("/v1/events?country=LA"));
        var opened = Assert.Single(events.GetProperty("items").EnumerateArray());
        Assert.True(opened.GetProperty("startTime").GetDateTimeOffset() >= Start.AddDays(StableDays));
        Assert.Equal(["protest"], opened.GetProperty("watch").EnumerateArray().Select(k => k.GetString()));
        Assert.False(opened.GetProperty("election").GetBoolean());
        // KH's own events (country=KH also lists its regions', and KH-12 has one of its own).
        Assert.Equal(["KH-12"], (await ApiSilo.JsonAsync(await Silo.Http.GetAsync("/v1/events?country=KH"))).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("entity").GetString()));
        // And the alert of its warning is tagged with the window's kind, not as an election.
        await Poll.UntilAsync("LA's warning was delivered", () => Task.FromResult(_receiver!.Accepted.Any(a => a.Entity == "LA" && a.Level == "warning")), TimeSpan.FromSeconds(30));
        var laos = _receiver!.Accepted.First(a => a.Entity == "LA" && a.Level == "warning");
        Assert.Equal(["protest"], laos.Tags);
        // It carries the window's entry and its risk: Laos is in no STOP row and Grid saw no earlier outage there.
        var window = Assert.Single(laos.Json.GetProperty("watch").EnumerateArray());
        Assert.Equal(("protest", "low", 0.0), (window.GetProperty("kind").GetString(), window.GetProperty("risk").GetString(), window.GetProperty("score").GetDouble()));
        Assert.DoesNotContain(_receiver.Accepted, a => a.Entity == "KH");

        Assert.Equal("warning", (await StatusAsync("regions/KH-12")).GetProperty("level").GetString());
        Assert.Equal("normal", (await StatusAsync("regions/KH-18")).GetProperty("level").GetString());
        await Poll.UntilAsync("KH-12's warning was delivered", () => Task.FromResult(_receiver.Accepted.Any(a => a.Entity == "KH-12" && a.Level == "warning")), TimeSpan.FromSeconds(30));
        Assert.Equal(["exam"], _receiver.Accepted.First(a => a.Entity == "KH-12" && a.Level == "warning").Tags);
    }

    /// <summary>Hourly: two stable days at 1000, then 10% less a day, geometrically (1000 × 0.9^days), for four days.</summary>
    private static IEnumerable<object> Series(string entity)
    {
        for (var hour = 0; hour <= (StableDays + DecliningDays) * 24; hour++)
        {
            var declining = Math.Max(0, hour - (StableDays * 24)) / 24.0;
            yield return new
            {
                time = Start.AddHours(hour).ToString("O", CultureInfo.InvariantCulture),
                entity,
                signal = "answers",
                value = (long)Math.Round(Level * Math.Pow(0.9, declining)),
            };
        }
    }

    private async Task<JsonElement> StatusAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await Silo.Http.GetAsync($"/v1/{path}");
            var status = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (response.IsSuccessStatusCode && status.GetProperty("signals").TryGetProperty("answers", out var answers) && answers.GetProperty("ratio").ValueKind == JsonValueKind.Number
                && status.GetProperty("updatedAt").GetDateTimeOffset() >= Start.AddDays(StableDays + DecliningDays))
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{path} has not taken the series: {status}");
            await Task.Delay(200);
        }
    }
}
