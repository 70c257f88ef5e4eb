using System.Net;
using Grid.Silo.Tests.Api;
using Grid.Testing.Probing;
using Grid.Testing.Processes;
using Xunit.Abstractions;

namespace Grid.Silo.Tests.Alerts;

/// <summary>
/// Issue 21, finding 8, on a real silo with the default rules: every webhook target the review got
/// accepted is refused with a problem, and a name that DNS rebinds from a public address to
/// 127.0.0.1 never gets a connection through to 127.0.0.1, because the address is judged where the
/// connection is made.
/// </summary>
public sealed class SsrfTests(SsrfSilo world, ITestOutputHelper output) : IClassFixture<SsrfSilo>
{
    public static TheoryData<string> Refused() =>
    [
        "http://[::127.0.0.1]/hook",
        "http://[64:ff9b::a9fe:a9fe]/latest/meta-data/",
        "http://[2002:7f00:1::]/hook",
        "http://198.18.0.1/hook",
        "http://192.0.0.1/hook",
        "http://224.0.0.1/hook",
        "http://240.0.0.1/hook",
        "http://255.255.255.255/hook",
        "http://93.184.215.14:6379/",
        "http://user:pass@93.184.215.14/hook",
        "http://93.184.215.14/" + new string('a', 100 * 1024),
        "http://169.254.169.254/latest/meta-data/",
        "http://127.0.0.1/hook",
        "http://[::ffff:127.0.0.1]/hook",
    ];

    [NeedsRootTheory]
    [MemberData(nameof(Refused))]
    public async Task EachTargetTheReviewGotAcceptedIsRefusedWithAProblem(string url)
    {
        using var response = await AlertWorld.SubscribeAsync(world.Silo, url);

        var problem = await ApiSilo.ProblemAsync(response, 400);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.DoesNotContain("user:pass@93", detail, StringComparison.Ordinal);
        Assert.True(detail.Length < 400, detail);
    }

    [NeedsRootFact]
    public async Task ANameRebindingToLoopbackNeverGetsAConnectionThroughToIt()
    {
        // The secret-looking parts of the URL are there to be redacted wherever the URL is shown.
        var url = $"http://{SsrfSilo.RebindingName}/hook/s3cr3t-path-token?key=s3cr3t-query-token";
        string? id = null;
        for (var attempt = 0; attempt < 4 && id is null; attempt++)
        {
            // Its first answer is public: taken. Were it 127.0.0.1, the refusal is right too; the next one is public.
            using var response = await AlertWorld.SubscribeAsync(world.Silo, url);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                id = (await ApiSilo.JsonAsync(response)).GetProperty("id").GetString();
            }
        }

        Assert.NotNull(id);
        var before = world.Dns.AQueries;
        await AlertWorld.PostOutageAsync(world.Silo, "IR");

        // Each attempt resolves once, where it connects: public (unreachable here), then 127.0.0.1 (refused), in turn.
        // A connection that got through ends the wait at once (the web server there answers 200, so the delivery would stop).
        await Poll.UntilAsync("ten attempts asked DNS", () => Task.FromResult(world.Dns.AQueries - before >= 10 || world.LoopbackConnections > 0), TimeSpan.FromSeconds(60));
        var refusals = world.Silo.Output.Count(l => l.Contains("127.0.0.1 is in 127.0.0.0/8, loopback", StringComparison.Ordinal));

        output.WriteLine($"{world.Dns.AQueries} A queries answered; {refusals} attempts refused 127.0.0.1 in the log; {world.LoopbackConnections} connections reached 127.0.0.1:80");

        Assert.Equal(0, world.LoopbackConnections);
        Assert.True(refusals >= 3, "the log shows no attempt refused for resolving to 127.0.0.1");

        using var listed = await world.Silo.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Get, "/v1/subscriptions"));
        var subscriptions = await listed.Content.ReadAsStringAsync();
        Assert.Contains($"http://{SsrfSilo.RebindingName}/hook/***?key=***", subscriptions, StringComparison.Ordinal);
        var pending = await AlertWorld.AlertsAsync(world.Silo, "pending");
        Assert.Contains(pending, p => p.GetProperty("subscription").GetString() == id && p.GetProperty("url").GetString() == $"http://{SsrfSilo.RebindingName}/hook/***?key=***");
        Assert.DoesNotContain("s3cr3t", subscriptions, StringComparison.Ordinal);
        Assert.DoesNotContain(world.Silo.Output, l => l.Contains("s3cr3t", StringComparison.Ordinal));
    }
}
