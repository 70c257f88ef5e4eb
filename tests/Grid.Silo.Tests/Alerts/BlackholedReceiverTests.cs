using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Grid.Silo.Tests.Api;
using Grid.Testing.Processes;
using Grid.Testing.Silo;
using Grid.Testing.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Grid.Silo.Tests.Alerts;

/// <summary>
/// Issue 21, finding 7, on a real silo: five subscriptions whose receivers accept TCP and never
/// answer, beside one healthy real HTTP receiver. The healthy one still gets its alert at once,
/// <c>GET /v1/alerts</c> stays quick, and a deleted subscription's receiver gets no further connection.
/// </summary>
public sealed class BlackholedReceiverTests(ITestOutputHelper output)
{
    private const int Blackholes = 5;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task FiveBlackholedReceiversNeitherDelayAHealthyOneNorSlowTheApiAndDeletedOnesAreNotCalledAgain()
    {
        var blackholes = Enumerable.Range(0, Blackholes).Select(_ => BlackholeReceiver.Start()).ToList();
        try
        {
            await using var healthy = await WebhookReceiver.StartAsync(AlertWorld.Secret);
            // Spans go to a real OTLP/HTTP receiver: a webhook URL's token must not reach a trace backend either.
            var spans = new ConcurrentQueue<string>();
            await using var collector = await StartCollectorAsync(spans);
            // A long request timeout: a design that waits for the blackholes waits this long.
            await using var silo = await SiloProcess.StartAsync([], AlertWorld.Settings(new Dictionary<string, string?>
            {
                ["Grid__Alerts__AllowPrivateTargets"] = "true",
                ["Grid__Alerts__AllowedPorts"] = "1-65535",
                ["Grid__Alerts__RequestTimeout"] = "00:00:30",
                ["Grid__Otlp__Endpoint"] = collector.Urls.Single(),
                ["Grid__Otlp__Protocol"] = "http/protobuf",
            }));
            var ids = new List<string>();
            foreach (var blackhole in blackholes)
            {
                ids.Add(await AlertWorld.SubscribedIdAsync(silo, blackhole.Url + "/s3cr3t-path-token"));
            }

            await AlertWorld.SubscribedIdAsync(silo, healthy.Url.ToString());

            // Iran's outage goes to all six; each blackhole then holds a request for 30 s.
            await AlertWorld.PostOutageAsync(silo, "IR");
            await Poll.UntilAsync("every receiver was sent Iran's alert", () => Task.FromResult(healthy.Accepted.Any(a => a.Entity == "IR") && blackholes.All(b => b.Open >= 1)), Wait);

            // Iraq's outage while all five hold theirs: measured from before the level change was posted.
            var posted = DateTimeOffset.UtcNow;
            await AlertWorld.PostOutageAsync(silo, "IQ");
            await Poll.UntilAsync("the healthy receiver got Iraq's alert", () => Task.FromResult(healthy.Accepted.Any(a => a.Entity == "IQ")), Wait);
            var delay = healthy.Accepted.First(a => a.Entity == "IQ").ArrivedAt - posted;

            var answers = new List<TimeSpan>();
            for (var i = 0; i < 5; i++)
            {
                var clock = Stopwatch.StartNew();
                using var alerts = await silo.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Get, "/v1/alerts"));
                answers.Add(clock.Elapsed);
                Assert.Equal(HttpStatusCode.OK, alerts.StatusCode);
            }

            Assert.All(blackholes, b => Assert.True(b.Open >= 1, "a blackhole no longer held a request: the measures above proved less"));
            output.WriteLine($"healthy receiver: Iraq's alert {delay.TotalMilliseconds:0} ms after its outage was posted; GET /v1/alerts: {string.Join(", ", answers.Select(a => $"{a.TotalMilliseconds:0} ms"))}");
            Assert.True(delay < TimeSpan.FromSeconds(5), $"the healthy receiver got Iraq's alert {delay.TotalMilliseconds:0} ms after the level change");
            Assert.All(answers, a => Assert.True(a < TimeSpan.FromSeconds(1), $"GET /v1/alerts took {a.TotalMilliseconds:0} ms"));

            foreach (var id in ids)
            {
                using var deleted = await silo.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Delete, $"/v1/subscriptions/{id}"));
                Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            }

            // The requests they held are aborted at once, long before their 30 s timeout.
            await Poll.UntilAsync("the deleted subscriptions' requests were aborted", () => Task.FromResult(blackholes.All(b => b.Open == 0)), TimeSpan.FromSeconds(5));
            var accepted = blackholes.Select(b => b.Accepted).ToList();

            // Syria's outage reaches the healthy receiver only; retries (at most 1 s apart) would have come by now.
            await AlertWorld.PostOutageAsync(silo, "SY");
            await Poll.UntilAsync("the healthy receiver got Syria's alerts", () => Task.FromResult(healthy.Accepted.Count(a => a.Entity == "SY") >= 2), Wait);
            await Task.Delay(TimeSpan.FromSeconds(3));

            Assert.Equal(accepted, blackholes.Select(b => b.Accepted));
            var cancelled = await AlertWorld.AlertsAsync(silo, "cancelled");
            Assert.Equal(ids.Order(), cancelled.Select(c => c.GetProperty("subscription").GetString()!).Distinct().Order());
            Assert.DoesNotContain(await AlertWorld.AlertsAsync(silo, "pending"), p => ids.Contains(p.GetProperty("subscription").GetString()!));
            Assert.Equal(0, healthy.Rejected);

            await Poll.UntilAsync("the webhook spans were exported", () => Task.FromResult(spans.Any(s => s.Contains("/hook/***", StringComparison.Ordinal))), Wait);
            Assert.DoesNotContain(spans, s => s.Contains("s3cr3t", StringComparison.Ordinal));
            Assert.DoesNotContain(silo.Output, l => l.Contains("s3cr3t", StringComparison.Ordinal));
        }
        finally
        {
            foreach (var blackhole in blackholes)
            {
                await blackhole.DisposeAsync();
            }
        }
    }

    private static async Task<WebApplication> StartCollectorAsync(ConcurrentQueue<string> spans)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{LoopbackPort.FindFree()}");
        var collector = builder.Build();
        collector.MapPost("/v1/{signal}", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            // OTLP protobuf: the strings of a span's attributes are readable as they are.
            spans.Enqueue(Encoding.UTF8.GetString(body.ToArray()));
            return Results.Ok();
        });
        await collector.StartAsync();
        return collector;
    }
}
