using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grid.Silo.Tests.Api;
using Grid.Testing.Data;
using Grid.Testing.Processes;
using Grid.Testing.Silo;
using Grid.Testing.Web;

namespace Grid.Silo.Tests.Regions;

/// <summary>
/// A region's alerts on a real silo with DB-IP's regions loaded, delivered to a real receiver that
/// checks signatures: subscriptions to the region and to its country hear it, others do not; its
/// country's election widens its watch, as it does the country's.
/// </summary>
public sealed class RegionAlertTests
{
    private const string Secret = "receiver-secret-0123456789";
    private static readonly DateTimeOffset Start = new(2020, 8, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ARegionsElectionTimeDropIsHeardByItsOwnAndItsCountrysSubscriptionsOnly()
    {
        var regions = RegionWorld.RegionsOf("BY", 2);
        var (minsk, other) = (regions[0], regions[1]);
        var kazakh = RegionWorld.RegionsOf("KZ", 1)[0];
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        await using var silo = await SiloProcess.StartAsync([], ApiSilo.Settings(new Dictionary<string, string?>
        {
            ["Grid__Feeds__RisLive__Enabled"] = "false",
            ["Grid__Geo__Regions"] = SharedData.RegionDatabaseDirectory,
            ["Grid__Alerts__AllowPrivateTargets"] = "true",
            ["Grid__Alerts__AllowedPorts"] = "1-65535",
            ["Grid__Alerts__OutboxTick"] = "00:00:00.200",
            ["Grid__Detection__Signals__answers__Like"] = "probes",
            ["Grid__Detection__Signals__answers__WarmUp"] = "1.00:00:00",
            ["Grid__Detection__Signals__answers__MinDuration"] = "02:00:00",
        }));

        // Belarus votes on 9 August 2020: its watch runs from the 6th to the 17th (3 days before, 7 after).
        using var election = await silo.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/elections",
            JsonContent.Create(new[] { new { country = "BY", date = "2020-08-09", type = "Election for President" } })));
        Assert.Equal(HttpStatusCode.OK, election.StatusCode);
        var ids = new Dictionary<string, string>
        {
            ["region"] = await SubscribeAsync(silo, receiver, new { regions = new[] { minsk.Code.ToLowerInvariant() } }),
            ["country"] = await SubscribeAsync(silo, receiver, new { countries = new[] { "BY" } }),
            ["other region"] = await SubscribeAsync(silo, receiver, new { regions = new[] { other.Code } }),
            ["other country"] = await SubscribeAsync(silo, receiver, new { countries = new[] { "KZ" } }),
        };
        using var unknown = await silo.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/subscriptions",
            JsonContent.Create(new { url = receiver.Url, secret = Secret, regions = new[] { "BY-ATLANTIS" } })));
        var refusal = await ApiSilo.ProblemAsync(unknown, 400);
        Assert.Contains(minsk.Code, refusal.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The same week for a BY region and a KZ region: a 15% drop on the 8th, eve of BY's election.
        // 0.85 of the baseline is normal for probes (warning below 0.8) but warns inside a watch (below 0.9).
        await RegionWorld.PostAsync(silo.Http, Week(RegionWorld.Location(minsk)).Concat(Week(RegionWorld.Location(kazakh))));

        await Poll.UntilAsync("the region's warning and recovery reached its two subscriptions", () => Task.FromResult(receiver.Accepted.Count >= 4), TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(2));

        var heard = receiver.Accepted.GroupBy(a => a.Json.GetProperty("subscription").GetString()!).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var who in new[] { "region", "country" })
        {
            var alerts = heard[ids[who]];
            Assert.Equal(["warning", "normal"], alerts.Select(a => a.Level));
            Assert.All(alerts, a => Assert.Equal((minsk.Code, "region", "BY", "election"), (a.Entity, a.Json.GetProperty("kind").GetString(), a.Json.GetProperty("country").GetString(), Assert.Single(a.Tags))));
        }

        Assert.False(heard.ContainsKey(ids["other region"]));
        Assert.False(heard.ContainsKey(ids["other country"]));
        Assert.Equal(0, receiver.Rejected);

        // Outside any election the KZ region's same drop stays normal: no event at all.
        var events = await silo.Http.GetFromJsonAsync<JsonElement>("/v1/events?country=KZ");
        Assert.Equal(0, events.GetProperty("total").GetInt32());
        var belarus = await silo.Http.GetFromJsonAsync<JsonElement>("/v1/events?country=BY");
        var outage = Assert.Single(belarus.GetProperty("items").EnumerateArray());
        Assert.Equal(RegionWorld.Location(minsk), outage.GetProperty("location").GetString());
        Assert.True(outage.GetProperty("election").GetBoolean());
    }

    /// <summary>Hourly answers near 100 from the 1st to the 10th of August 2020, at 85 from 02:00 to 08:00 on the 8th.</summary>
    private static IEnumerable<(DateTimeOffset, string, string, long)> Week(string entity)
    {
        for (var hour = 0; hour < 9 * 24; hour++)
        {
            var at = Start.AddHours(hour);
            var value = at >= Start.AddDays(7).AddHours(2) && at < Start.AddDays(7).AddHours(8) ? 85 : 100 + (hour * 37 % 5) - 2;
            yield return (at, entity, "answers", value);
        }
    }

    private static async Task<string> SubscribeAsync(SiloProcess silo, WebhookReceiver receiver, object lists)
    {
        var body = JsonSerializer.SerializeToNode(lists)!.AsObject();
        body["url"] = receiver.Url.ToString();
        body["secret"] = Secret;
        using var created = await silo.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/subscriptions", JsonContent.Create(body)));
        var json = await ApiSilo.JsonAsync(created);
        Assert.True(created.StatusCode == HttpStatusCode.Created, json.ToString());
        return json.GetProperty("id").GetString()!;
    }
}
