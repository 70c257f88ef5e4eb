using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grid.Silo.Tests.Api;
using Grid.Silo.Tests.Intake;
using Grid.Testing.Processes;
using Grid.Testing.Silo;
using Grid.Testing.Web;
using Xunit.Abstractions;

namespace Grid.Silo.Tests.Probing;

/// <summary>
/// One ingest key alone cannot raise an alert (issue 21, finding 6: one key took BY's probe signal
/// from 100 to 0). On a real silo with a real webhook receiver, two user-assigned countries go dark
/// the same way at the same time: XA on one key's results, XB on two keys' (each reporting half its
/// blocks). Both turn critical; XA's event is recorded but marked single-source and no webhook
/// comes for it; XB's alert arrives.
/// </summary>
public sealed class SingleSourceAlertTests(ITestOutputHelper output)
{
    private const string Secret = "receiver-secret-single-source";
    private const int Blocks = 24;

    [Fact]
    public async Task OneKeyAloneCannotRaiseAnAlertTwoKeysCan()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        await using var silo = await SiloProcess.StartAsync([], ApiSilo.Settings(new Dictionary<string, string?>
        {
            ["Grid__Feeds__RisLive__Enabled"] = "false",
            ["Grid__Auth__Keys__3__Name"] = "vantage-b",
            ["Grid__Auth__Keys__3__Hash"] = ApiSilo.Hash(IntakeSilo.SecondIngestKey),
            ["Grid__Auth__Keys__3__Scopes__0"] = "ingest",
            ["Grid__Alerts__AllowPrivateTargets"] = "true",
            // The test's receiver listens on a port of its own (not 80 or 443).
            ["Grid__Alerts__AllowedPorts"] = "1-65535",
            ["Grid__Alerts__OutboxTick"] = "00:00:00.200",
            ["Grid__Probing__Interval"] = "00:00:01",
            ["Grid__Signals__Step"] = "00:00:01",
            ["Grid__Detection__Tick"] = "00:00:01",
            ["Grid__Detection__Signals__probes__WarmUp"] = "00:00:04",
            ["Grid__Detection__Signals__probes__MinDuration"] = "00:00:02",
            ["Grid__Detection__Signals__probes__Recovery"] = "00:00:02",
        }));
        using (var subscribed = await silo.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/subscriptions",
            JsonContent.Create(new { url = receiver.Url, secret = Secret, countries = new[] { "XA", "XB" } }))))
        {
            Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
        }

        // /24s no RIR delegates (RFC 2544's benchmark space), labelled with user-assigned codes.
        var xa = Enumerable.Range(0, Blocks).Select(i => $"198.18.{i}.1").ToList();
        var xb = Enumerable.Range(0, Blocks).Select(i => $"198.19.{i}.1").ToList();
        async Task ReportAsync(bool answered)
        {
            await PostAsync(silo, ApiSilo.IngestKey, "XA", xa, answered);
            await PostAsync(silo, ApiSilo.IngestKey, "XB", xb[..(Blocks / 2)], answered);
            await PostAsync(silo, IntakeSilo.SecondIngestKey, "XB", xb[(Blocks / 2)..], answered);
        }

        await Poll.UntilAsync("XA and XB count every block up", async () =>
        {
            await ReportAsync(answered: true);
            return await ProbesUpAsync(silo, "XA") == Blocks && await ProbesUpAsync(silo, "XB") == Blocks;
        }, TimeSpan.FromSeconds(60));
        // Past the warm-up, with a baseline of 24 blocks up.
        for (var i = 0; i < 6; i++)
        {
            await ReportAsync(answered: true);
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        await Poll.UntilAsync("XA and XB turn critical, and XB's alert arrives", async () =>
        {
            await ReportAsync(answered: false);
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            return await LevelAsync(silo, "XA") == "critical" && await LevelAsync(silo, "XB") == "critical"
                && receiver.Accepted.Any(a => a.Entity == "XB" && a.Level == "critical");
        }, TimeSpan.FromSeconds(90));
        // XB's delivery came; XA's, had it been sent, would have come with it. Allow a few more outbox ticks.
        await Task.Delay(TimeSpan.FromSeconds(3));

        output.WriteLine(string.Join("\n", receiver.Accepted.Select(a => $"{a.Entity} {a.Level} at {a.ArrivedAt:O}")));
        Assert.DoesNotContain(receiver.Accepted, a => a.Entity == "XA");
        var marked = await EventAsync(silo, "XA");
        Assert.Equal("key config-2 (vantage)", marked.GetProperty("singleSource").GetString());
        Assert.Equal("probes", marked.GetProperty("datasource").GetString());
        var corroborated = await EventAsync(silo, "XB");
        Assert.True(!corroborated.TryGetProperty("singleSource", out var none) || none.ValueKind == JsonValueKind.Null, corroborated.ToString());
        Assert.DoesNotContain(silo.Output, line => line.Contains(ApiSilo.IngestKey, StringComparison.Ordinal) || line.Contains(IntakeSilo.SecondIngestKey, StringComparison.Ordinal));
    }

    private static async Task PostAsync(SiloProcess silo, string key, string country, IEnumerable<string> targets, bool answered)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var results = targets.Select(address => new { address, timestamp = now, sent = 3, rttMs = answered ? new[] { 30.0, 31.0, 32.0 } : [], country });
        using var response = await silo.Http.SendAsync(ApiSilo.With(key, HttpMethod.Post, "/v1/probes/results", JsonContent.Create(new { results })));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<long?> ProbesUpAsync(SiloProcess silo, string country)
    {
        using var response = await silo.Http.GetAsync($"/v1/countries/{country}");
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        var probes = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("signals").GetProperty("probes");
        return probes.TryGetProperty("loss", out _) ? probes.GetProperty("value").GetInt64() : null;
    }

    private static async Task<string?> LevelAsync(SiloProcess silo, string country) =>
        (await silo.Http.GetFromJsonAsync<JsonElement>($"/v1/countries/{country}")).GetProperty("level").GetString();

    private static async Task<JsonElement> EventAsync(SiloProcess silo, string country)
    {
        var events = await silo.Http.GetFromJsonAsync<JsonElement>($"/v1/events?country={country}");
        return Assert.Single(events.GetProperty("items").EnumerateArray());
    }
}
