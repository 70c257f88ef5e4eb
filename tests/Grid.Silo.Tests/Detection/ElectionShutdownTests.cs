using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Grid.Testing.Data;
using Grid.Testing.Processes;
using Grid.Testing.Silo;
using Grid.Testing.Web;

namespace Grid.Silo.Tests.Detection;

/// <summary>
/// Belarus, 9 August 2020, end to end: a real silo replays test-written MRT files in which 75% of
/// the country's space is withdrawn on election day; the calendar is ElectionGuide's real export,
/// imported through the API; an election-only subscriber's real HTTP receiver checks signatures.
/// </summary>
public sealed class ElectionShutdownTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task AShutdownOnElectionDayIsCriticalScoredAndAlertedWithTheElectionTag()
    {
        using var world = await ShutdownWorld.CreateAsync();
        await using var receiver = await WebhookReceiver.StartAsync(ShutdownWorld.Secret);
        // One hour of recorded time per second: the day before the cut leaves time to configure.
        await using var silo = await SiloProcess.StartAsync(["--mrt", world.Rib, world.Updates, "--mrt-speed", "3600"], world.Environment());

        var csv = new StringContent(await File.ReadAllTextAsync(SharedData.PathOf("elections", "electionguide.election_df.2021-03.csv")), Encoding.UTF8, "text/csv");
        using var imported = await silo.Http.SendAsync(ShutdownWorld.Admin(HttpMethod.Post, "/v1/elections", csv));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var import = await imported.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(import.GetProperty("added").GetInt32() > 2000, import.ToString());
        var unmapped = import.GetProperty("unmappedCountries").EnumerateArray().Select(n => n.GetString()).ToList();
        Assert.Contains("Scotland", unmapped);
        Assert.DoesNotContain("Republic of Belarus", unmapped);

        var subscription = new { url = receiver.Url, secret = ShutdownWorld.Secret, countries = Array.Empty<string>(), minLevel = "critical", electionOnly = true };
        using var created = await silo.Http.SendAsync(ShutdownWorld.Admin(HttpMethod.Post, "/v1/subscriptions", JsonContent.Create(subscription)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain(ShutdownWorld.Secret, await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await Poll.UntilAsync("the critical and the recovery alert arrived", () => Task.FromResult(receiver.Accepted.Count >= 2), Wait);

        Assert.Equal(["critical", "normal"], receiver.Accepted.Select(a => a.Level));
        Assert.All(receiver.Accepted, a => Assert.Equal(("BY", "election"), (a.Entity, Assert.Single(a.Tags))));
        Assert.Equal(0, receiver.Rejected);

        var events = await silo.Http.GetFromJsonAsync<JsonElement>("/v1/events?country=BY&level=critical");
        var outage = Assert.Single(events.GetProperty("items").EnumerateArray());
        Assert.Equal("country/BY", outage.GetProperty("location").GetString());
        Assert.Equal(ShutdownWorld.Cut.ToUnixTimeSeconds(), outage.GetProperty("start").GetInt64());
        Assert.Equal(6 * 3600, outage.GetProperty("duration").GetInt64());
        Assert.Equal("resolved", outage.GetProperty("status").GetString());
        Assert.Equal(0.75, outage.GetProperty("fraction").GetDouble());
        Assert.Equal(75 * 360, outage.GetProperty("score").GetDouble());
        Assert.Equal("bgp", outage.GetProperty("datasource").GetString());
        Assert.True(outage.GetProperty("election").GetBoolean());
        Assert.Equal(0, (await silo.Http.GetFromJsonAsync<JsonElement>("/v1/events?country=BY&until=2020-08-08T00:00:00Z")).GetProperty("total").GetInt32());

        var belarus = await silo.Http.GetFromJsonAsync<JsonElement>("/v1/countries/BY");
        Assert.Equal("normal", belarus.GetProperty("level").GetString());
        var bgp = belarus.GetProperty("signals").GetProperty("bgp");
        Assert.Equal(10_240, bgp.GetProperty("value").GetInt64());
        Assert.Equal(10_240, bgp.GetProperty("baseline").GetDouble());
        Assert.Equal(1.0, bgp.GetProperty("ratio").GetDouble());
    }

    [Fact]
    public async Task ElectionsImportAsJsonAndSubscriptionsAreListedWithoutSecretsAndRemoved()
    {
        using var world = await ShutdownWorld.CreateAsync();
        await using var silo = await SiloProcess.StartAsync([], world.Environment());

        var entries = JsonContent.Create(new[]
        {
            new { country = "Kazakhstan", date = "2022-11-20", type = "Election for President" },
            new { country = "AZ", date = "2024-02-07", type = "Election for President" },
            new { country = "Scotland", date = "2021-05-06", type = "Election for Scottish Parliament" },
        });
        using var imported = await silo.Http.SendAsync(ShutdownWorld.Admin(HttpMethod.Post, "/v1/elections", entries));
        var import = await imported.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, import.GetProperty("added").GetInt32());
        Assert.Equal(["Scotland"], import.GetProperty("unmappedCountries").EnumerateArray().Select(n => n.GetString()));
        var kazakhstan = Assert.Single((await silo.Http.GetFromJsonAsync<JsonElement>("/v1/elections?country=KZ")).EnumerateArray());
        Assert.Equal("2022-11-20", kazakhstan.GetProperty("date").GetString());
        Assert.Equal(new DateTimeOffset(2022, 11, 17, 0, 0, 0, TimeSpan.Zero), kazakhstan.GetProperty("watchFrom").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2022, 11, 28, 0, 0, 0, TimeSpan.Zero), kazakhstan.GetProperty("watchUntil").GetDateTimeOffset());
        using var anonymous = await silo.Http.PostAsync("/v1/elections", JsonContent.Create(new { country = "BY", date = "2025-01-26" }));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var subscription = new { url = "http://127.0.0.1:9/hook", secret = ShutdownWorld.Secret, countries = new[] { "kz" }, minLevel = "warning", format = "slack" };
        using var created = await silo.Http.SendAsync(ShutdownWorld.Admin(HttpMethod.Post, "/v1/subscriptions", JsonContent.Create(subscription)));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var listed = await silo.Http.SendAsync(ShutdownWorld.Admin(HttpMethod.Get, "/v1/subscriptions"));
        var text = await listed.Content.ReadAsStringAsync();
        Assert.Contains("\"KZ\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain(ShutdownWorld.Secret, text, StringComparison.Ordinal);
        using var badLevel = await silo.Http.SendAsync(ShutdownWorld.Admin(HttpMethod.Post, "/v1/subscriptions", JsonContent.Create(new { url = "http://127.0.0.1:9/", secret = ShutdownWorld.Secret, minLevel = "normal" })));
        Assert.Equal(HttpStatusCode.BadRequest, badLevel.StatusCode);

        using var deleted = await silo.Http.SendAsync(ShutdownWorld.Admin(HttpMethod.Delete, $"/v1/subscriptions/{id}"));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var again = await silo.Http.SendAsync(ShutdownWorld.Admin(HttpMethod.Delete, $"/v1/subscriptions/{id}"));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task AdminEndpointsNeedAKeyWithTheAdminScope()
    {
        using var world = await ShutdownWorld.CreateAsync();
        await using var silo = await SiloProcess.StartAsync([], world.Environment());

        using var anonymous = await silo.Http.GetAsync("/v1/alerts?status=failed");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);

        using var unknown = new HttpRequestMessage(HttpMethod.Get, "/v1/subscriptions") { Headers = { { "X-Api-Key", "not-a-key" } } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await silo.Http.SendAsync(unknown)).StatusCode);

        using var reader = new HttpRequestMessage(HttpMethod.Get, "/v1/subscriptions") { Headers = { { "X-Api-Key", ShutdownWorld.ReadKey } } };
        using var forbidden = await silo.Http.SendAsync(reader);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);

        using var failed = await silo.Http.SendAsync(ShutdownWorld.Admin(HttpMethod.Get, "/v1/alerts?status=failed"));
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        Assert.Equal(0, (await failed.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength());

        var loopback = new { url = "http://127.0.0.1:9/hook", secret = ShutdownWorld.Secret };
        await using var strict = await SiloProcess.StartAsync([], new Dictionary<string, string?>(world.Environment()) { ["Grid__Alerts__AllowPrivateTargets"] = "false" });
        using var refused = await strict.Http.SendAsync(ShutdownWorld.Admin(HttpMethod.Post, "/v1/subscriptions", JsonContent.Create(loopback)));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("AllowPrivateTargets", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.DoesNotContain(silo.Output, l => l.Contains(ShutdownWorld.AdminKey, StringComparison.Ordinal) || l.Contains(ShutdownWorld.Secret, StringComparison.Ordinal));
    }
}
