using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Grid.Silo.Tests.Api;
using Grid.Testing.Data;
using Grid.Testing.Postgres;
using Grid.Testing.Processes;
using Grid.Testing.Silo;
using Grid.Testing.Web;

namespace Grid.Silo.Tests.Watch;

/// <summary>
/// Watch notices (issue 20, "Done when"): a subscriber that opted in gets <c>watch.upcoming</c> and
/// <c>watch.opened</c> at a real HTTP receiver that checks every signature, exactly once each, across
/// a silo restart on PostgreSQL storage; a subscriber that did not opt in gets none. Risk is scored
/// from the shared STOP file: Belarus's election a few days ahead is high (it cut the network at its
/// 2020 election) and gets <c>watch.upcoming</c>; Armenia's, with one STOP row and none at an
/// election, is not high and gets none; neither does an exam.
/// </summary>
public sealed class WatchNoticeRestartTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const string Secret = "watch-notice-secret-0123456789";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task UpcomingAndOpenedArriveSignedOnceEachAcrossARestart()
    {
        await using var optedIn = await WebhookReceiver.StartAsync(Secret);
        await using var alertsOnly = await WebhookReceiver.StartAsync(Secret);
        var environment = ApiSilo.Settings(new Dictionary<string, string?>
        {
            ["Grid__Feeds__RisLive__Enabled"] = "false",
            ["Grid__Storage__Postgres"] = await postgres.CreateDatabaseAsync("notices"),
            ["Grid__Alerts__AllowPrivateTargets"] = "true",
            ["Grid__Alerts__AllowedPorts"] = "1-65535",
            ["Grid__Alerts__OutboxTick"] = "00:00:00.100",
            ["Grid__Watch__NoticeTick"] = "00:00:00.500",
            ["Grid__Watch__Stop"] = SharedData.PathOf("shutdowns", "accessnow-stop-2016-2022.normalized.csv"),
        });
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        await using (var first = await SiloProcess.StartAsync([], environment))
        {
            await SubscribeAsync(first, new { url = optedIn.Url, secret = Secret, countries = new[] { "AM", "BY", "GE", "AZ" }, watchNotices = true });
            await SubscribeAsync(first, new { url = alertsOnly.Url, secret = Secret, countries = new[] { "AM", "BY", "GE", "AZ" } });
            using var added = await first.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/watch", JsonContent.Create(new object[]
            {
                // Opens in two days (three before election day): within the week, and high risk, so upcoming.
                new { kind = "election", country = "BY", start = Day(today.AddDays(5)), title = "Election for President" },
                // The same days in a country without STOP's record of election shutdowns: not high, no upcoming.
                new { kind = "election", country = "AM", start = Day(today.AddDays(5)), title = "Election for President" },
                // Open now: opened.
                new { kind = "protest", country = "GE", start = Day(today), title = "Rally" },
                // An exam opening in four days: no upcoming for its kind.
                new { kind = "exam", country = "AZ", start = Day(today.AddDays(5)), title = "University entrance exams" },
                // A window that closed long ago: nothing, not even a closing.
                new { kind = "election", country = "AM", start = "2021-06-20", title = "Election for National Assembly" },
            })));
            Assert.Equal(5, (await ApiSilo.JsonAsync(added)).GetProperty("added").GetInt32());
            await Poll.UntilAsync("both notices arrived", () => Task.FromResult(optedIn.Accepted.Count >= 2), Wait);
        }

        // The same storage, a new process: what was sent is known, nothing goes out again.
        await using var restarted = await SiloProcess.StartAsync([], environment);
        // Proof that the restarted silo checks: a window opened after the restart is noticed, and only it.
        using var later = await restarted.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/watch",
            JsonContent.Create(new { kind = "other", country = "GE", start = Day(today), title = "Added after the restart" })));
        Assert.Equal(1, (await ApiSilo.JsonAsync(later)).GetProperty("added").GetInt32());
        await Poll.UntilAsync("the notice of the later window arrived", () => Task.FromResult(optedIn.Accepted.Count >= 3), Wait);
        // Many more ticks (0.5 s each) of the restarted silo and of its outbox (0.1 s): a repeat would come now.
        await Task.Delay(TimeSpan.FromSeconds(4));

        Assert.Equal(0, optedIn.Rejected);
        var notices = optedIn.Accepted.Select(a => (Event: a.Json.GetProperty("event").GetString(), Country: a.Json.GetProperty("entry").GetProperty("country").GetString())).Order().ToList();
        Assert.Equal([("watch.opened", "GE"), ("watch.opened", "GE"), ("watch.upcoming", "BY")], notices);
        Assert.Equal(3, optedIn.Accepted.Select(a => a.IdempotencyKey).Distinct().Count());
        Assert.Equal(["Added after the restart", "Rally"], optedIn.Accepted.Where(a => a.Json.GetProperty("event").GetString() == "watch.opened")
            .Select(a => a.Json.GetProperty("entry").GetProperty("title").GetString()).Order(StringComparer.Ordinal));
        var upcoming = optedIn.Accepted.Single(a => a.Json.GetProperty("event").GetString() == "watch.upcoming").Json;
        Assert.Equal(Day(today.AddDays(5)), upcoming.GetProperty("entry").GetProperty("start").GetString());
        Assert.Equal(new DateTimeOffset(today.AddDays(2).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), upcoming.GetProperty("entry").GetProperty("watchFrom").GetDateTimeOffset());
        var risk = upcoming.GetProperty("risk");
        Assert.Equal("high", risk.GetProperty("level").GetString());
        Assert.Contains(risk.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("Belarus 2020-08-09", StringComparison.Ordinal));
        Assert.Empty(alertsOnly.Accepted);
    }

    private static async Task SubscribeAsync(SiloProcess silo, object subscription)
    {
        using var created = await silo.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/subscriptions", JsonContent.Create(subscription)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
