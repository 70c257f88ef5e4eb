using System.Net.Http.Json;
using System.Text.Json;
using Grid.Testing.Processes;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Detection;

/// <summary>
/// <c>--demo</c> as a newcomer runs it: no files, no network, no settings but a shorter schedule.
/// The shut-down country turns critical (in the API and /metrics), an event opens, the demo's own
/// receiver gets a signed alert with the election tag, and the country recovers.
/// </summary>
public sealed class DemoTests
{
    [Fact]
    public async Task TheDemoCountryGoesCriticalIsAlertedAndRecovers()
    {
        await using var silo = await SiloProcess.StartAsync(["--demo"], new Dictionary<string, string?>
        {
            ["Grid__Logging__Format"] = "json",
            ["Grid__Demo__WarmUp"] = "00:00:40",
            ["Grid__Demo__Outage"] = "00:00:30",
        });

        await Poll.UntilAsync("BY is critical and alerted", async () => (await AlertsAsync(silo)).Any(a => a.Entity == "BY" && a.Level == "critical"), TimeSpan.FromMinutes(2));
        var belarus = await silo.Http.GetFromJsonAsync<JsonElement>("/v1/countries/BY");
        Assert.Equal("critical", belarus.GetProperty("level").GetString());
        Assert.Equal(0.125, belarus.GetProperty("signals").GetProperty("bgp").GetProperty("ratio").GetDouble());
        Assert.Equal("critical", belarus.GetProperty("signals").GetProperty("probes").GetProperty("level").GetString());
        Assert.True(belarus.GetProperty("openEvent").GetProperty("election").GetBoolean());
        Assert.Equal("normal", (await silo.Http.GetFromJsonAsync<JsonElement>("/v1/countries/KZ")).GetProperty("level").GetString());
        var metrics = await silo.Http.GetStringAsync("/metrics");
        Assert.Contains("grid_entity_level{kind=\"country\",country=\"BY\"} 2\n", metrics, StringComparison.Ordinal);
        Assert.Contains("grid_entity_level{kind=\"country\",country=\"KZ\"} 0\n", metrics, StringComparison.Ordinal);
        Assert.Contains("grid_signal_ratio{kind=\"country\",country=\"BY\",signal=\"bgp\"} 0.125\n", metrics, StringComparison.Ordinal);
        Assert.Contains("grid_election_watch{country=\"BY\"} 1\n", metrics, StringComparison.Ordinal);
        var critical = (await AlertsAsync(silo)).First(a => a.Entity == "BY" && a.Level == "critical");
        Assert.Equal(["election"], critical.Tags);

        await Poll.UntilAsync("BY recovered and the recovery was alerted", async () => (await AlertsAsync(silo)).Any(a => a.Entity == "BY" && a.Level == "normal"), TimeSpan.FromMinutes(2));
        var events = await silo.Http.GetFromJsonAsync<JsonElement>("/v1/events?country=BY");
        var outage = events.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("entity").GetString() == "BY");
        Assert.Equal("resolved", outage.GetProperty("status").GetString());
        Assert.InRange(outage.GetProperty("duration").GetInt64(), 20, 60);
        Assert.Equal(["bgp", "probes"], outage.GetProperty("signals").EnumerateArray().Select(s => s.GetString()));
    }

    private static async Task<List<(string? Entity, string? Level, string[] Tags)>> AlertsAsync(SiloProcess silo)
    {
        var alerts = await silo.Http.GetFromJsonAsync<JsonElement>("/demo/alerts");
        return [.. alerts.EnumerateArray().Select(a => (
            a.GetProperty("entity").GetString(),
            a.GetProperty("level").GetString(),
            a.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray()))];
    }
}
