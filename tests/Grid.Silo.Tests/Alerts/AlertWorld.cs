using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Grid.Silo.Tests.Api;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Alerts;

/// <summary>
/// Level changes on demand for a real silo: <c>POST /v1/signals</c> of a test-written series in
/// which a country's <c>answers</c> fall from about 100 to 10 for six hours (critical, then normal
/// again), judged on its own event time as the silo judges any outside vantage point's points.
/// </summary>
internal static class AlertWorld
{
    public const string Secret = "receiver-secret-0123456789";

    private static readonly DateTimeOffset Start = new(2021, 2, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A silo that judges <c>answers</c> like probes after a day of history, with quick outbox ticks and retries.</summary>
    public static Dictionary<string, string?> Settings(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = ApiSilo.Settings(new Dictionary<string, string?>
        {
            ["Grid__Feeds__RisLive__Enabled"] = "false",
            ["Grid__Detection__Signals__answers__Like"] = "probes",
            ["Grid__Detection__Signals__answers__WarmUp"] = "1.00:00:00",
            ["Grid__Detection__Signals__answers__MinDuration"] = "02:00:00",
            ["Grid__Alerts__OutboxTick"] = "00:00:00.100",
            ["Grid__Alerts__FirstBackoff"] = "00:00:00.200",
            ["Grid__Alerts__MaxBackoff"] = "00:00:01",
            ["Grid__Alerts__MaxAttempts"] = "1000",
        });
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Posts <paramref name="country"/>'s outage: its level turns critical, then normal.</summary>
    public static async Task PostOutageAsync(SiloProcess silo, string country)
    {
        var points = Enumerable.Range(0, 3 * 24).Select(hour =>
        {
            var at = Start.AddHours(hour);
            var down = at >= Start.AddDays(2).AddHours(2) && at < Start.AddDays(2).AddHours(8);
            return new { time = at.ToString("O", CultureInfo.InvariantCulture), entity = $"country/{country}", signal = "answers", value = down ? 10 : 100 + (hour * 37 % 5) - 2 };
        });
        using var response = await silo.Http.SendAsync(ApiSilo.With(ApiSilo.IngestKey, HttpMethod.Post, "/v1/signals", JsonContent.Create(new { points })));
        var body = await ApiSilo.JsonAsync(response);
        Assert.Equal(3 * 24, body.GetProperty("accepted").GetInt32());
    }

    /// <summary>Subscribes <paramref name="url"/> to every alert; returns the response, 201 or a problem.</summary>
    public static Task<HttpResponseMessage> SubscribeAsync(SiloProcess silo, string url) =>
        silo.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/subscriptions", JsonContent.Create(new { url, secret = Secret })));

    public static async Task<string> SubscribedIdAsync(SiloProcess silo, string url)
    {
        using var created = await SubscribeAsync(silo, url);
        return (await ApiSilo.JsonAsync(created)).GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement[]> AlertsAsync(SiloProcess silo, string? status = null)
    {
        using var response = await silo.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Get, status is null ? "/v1/alerts" : $"/v1/alerts?status={status}"));
        return [.. (await ApiSilo.JsonAsync(response)).EnumerateArray()];
    }
}
