using System.Net;
using Grid.Client.Errors;
using Grid.Client.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Grid.Client.Tests;

/// <summary>The HTTP rules the client follows, each against a real Kestrel that applies it.</summary>
public sealed class ContractTests
{
    private static readonly Dictionary<string, object> Signals = new() { ["bgp"] = new { value = 4096, at = "2026-12-01T10:00:00Z", baseline = 4096.0, ratio = 1.0, level = "normal" } };

    private static object Status(string code, string level = "normal") =>
        new { code, kind = "country", name = code, country = code, level, signals = Signals, updatedAt = "2026-12-01T10:00:00Z", hasData = true };

    [Fact]
    public async Task ListsFollowLinkRelNextUntilTheLastPage()
    {
        await using var server = await ContractServer.StartAsync(app => app.MapGet("/v1/countries", (HttpContext context, string? cursor) =>
        {
            // Three pages of two; the next link is relative (RFC 8288 §3.1 resolves it against the request).
            var page = cursor is null ? 0 : int.Parse(cursor, System.Globalization.CultureInfo.InvariantCulture);
            string[] codes = ["AZ", "BY", "KZ", "MM", "RU", "UA"];
            context.Response.Headers["X-Total-Count"] = "6";
            if (page < 2)
            {
                context.Response.Headers.Link = $"</v1/countries?limit=2&cursor={page + 1}>; rel=\"next\", </v1/countries?limit=2>; rel=\"first\"";
            }

            return Results.Ok(codes.Skip(page * 2).Take(2).Select(c => Status(c)));
        }));
        using var clients = new Clients(server.BaseAddress);

        var countries = await clients.Client.GetCountriesAsync().ToListAsync();

        Assert.Equal(["AZ", "BY", "KZ", "MM", "RU", "UA"], countries.Select(c => c.Code));
        Assert.Equal(["/v1/countries", "/v1/countries?limit=2&cursor=1", "/v1/countries?limit=2&cursor=2"], server.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task TheEnvelopeOfEarlierServersIsPagedByNumber()
    {
        await using var server = await ContractServer.StartAsync(app => app.MapGet("/v1/events", (int? page) =>
        {
            var number = page ?? 1;
            var items = Enumerable.Range((number - 1) * 2, number < 3 ? 2 : 1).Select(i => new
            {
                id = $"e{i}", location = "country/BY", entity = "BY", country = "BY", start = 0, duration = 60, status = "resolved",
                fraction = 0.5, score = 10.0, datasource = "bgp", level = "warning", signals = new[] { "bgp" }, election = false,
                startTime = "2026-12-01T10:00:00Z", endTime = "2026-12-01T10:01:00Z",
            });
            return Results.Ok(new { page = number, pageSize = 2, total = 5, items });
        }));
        using var clients = new Clients(server.BaseAddress);

        var events = await clients.Client.GetEventsAsync(new EventFilter(Country: "BY")).ToListAsync();

        Assert.Equal(["e0", "e1", "e2", "e3", "e4"], events.Select(e => e.Id));
        Assert.Equal(["/v1/events?country=BY", "/v1/events?country=BY&page=2", "/v1/events?country=BY&page=3"], server.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task AnUnchangedStatusIsAskedForConditionallyAndServedFromTheCache()
    {
        await using var server = await ContractServer.StartAsync(app => app.MapGet("/v1/countries/{cc}", (string cc, HttpContext context) =>
        {
            const string tag = "\"status-v1\"";
            if (context.Request.Headers.IfNoneMatch == tag)
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            context.Response.Headers.ETag = tag;
            return Results.Ok(Status(cc, "critical"));
        }));
        using var clients = new Clients(server.BaseAddress);

        var first = await clients.Client.GetCountryAsync("BY");
        var second = await clients.Client.GetCountryAsync("BY");

        Assert.Equal("critical", second.Level);
        Assert.Same(first, second);
        Assert.Equal(["", "\"status-v1\""], server.Requests.Select(r => r.IfNoneMatch));
    }

    [Fact]
    public async Task A429IsRetriedOnceAfterRetryAfter()
    {
        var calls = 0;
        await using var server = await ContractServer.StartAsync(app => app.MapGet("/v1/countries/{cc}", (string cc, HttpContext context) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.Headers.RetryAfter = "1";
                return ContractResponses.Problem(429, "Too many requests", "Slow down.");
            }

            return Results.Ok(Status(cc));
        }));
        using var clients = new Clients(server.BaseAddress);

        var status = await clients.Client.GetCountryAsync("KZ");

        Assert.Equal("KZ", status.Code);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task ASecond429OrALongRetryAfterIsTheServersProblem()
    {
        await using var server = await ContractServer.StartAsync(app =>
        {
            app.MapGet("/v1/countries/{cc}", (string cc, HttpContext context) =>
            {
                context.Response.Headers.RetryAfter = cc == "BY" ? "1" : "3600";
                return ContractResponses.Problem(429, "Too many requests", "This key may make 10 requests per second.");
            });
        });
        using var clients = new Clients(server.BaseAddress);

        var twice = await Assert.ThrowsAsync<GridApiException>(() => clients.Client.GetCountryAsync("BY"));
        var requestsAfterTwice = server.Requests.Count;
        var tooLong = await Assert.ThrowsAsync<GridApiException>(() => clients.Client.GetCountryAsync("KZ"));

        Assert.Equal(2, requestsAfterTwice);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(HttpStatusCode.TooManyRequests, twice.Status);
        Assert.Equal("Too many requests", twice.Title);
        Assert.Equal(TimeSpan.FromSeconds(1), twice.RetryAfter);
        Assert.Equal(TimeSpan.FromHours(1), tooLong.RetryAfter);
        Assert.Equal("https://grid.example/problems/429", tooLong.Type);
    }

    [Fact]
    public async Task TheKeyIsSentAsABearerToken()
    {
        await using var server = await ContractServer.StartAsync(app => app.MapGet("/v1/keys", () => Results.Ok(new[] { new { id = "k1", name = "ci", scopes = new[] { "read" } } })));
        using var clients = new Clients(server.BaseAddress, "the-key");

        var keys = await clients.Client.GetKeysAsync().ToListAsync();

        Assert.Equal("ci", Assert.Single(keys).Name);
        Assert.Equal("Bearer the-key", Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public async Task AnErrorWithoutProblemDetailsKeepsTheStatusLine()
    {
        await using var server = await ContractServer.StartAsync(app => app.MapGet("/v1/countries", () => Results.Text("upstream down", "text/plain", statusCode: 502)));
        using var clients = new Clients(server.BaseAddress);

        var error = await Assert.ThrowsAsync<GridApiException>(async () => await clients.Client.GetCountriesAsync().ToListAsync());

        Assert.Equal(HttpStatusCode.BadGateway, error.Status);
        Assert.Equal("Bad Gateway", error.Title);
        Assert.Equal("upstream down", error.Detail);
    }
}
