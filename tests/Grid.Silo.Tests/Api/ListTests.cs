using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grid.Testing.Processes;

namespace Grid.Silo.Tests.Api;

/// <summary>Filters and pagination of the lists: bodies stay arrays, pages are linked with RFC 8288 Link headers.</summary>
public sealed class ListTests(ApiSilo api) : IClassFixture<ApiSilo>
{
    [Fact]
    public async Task FollowingNextLinksWalksEveryCountryOnce()
    {
        var codes = new List<string>();
        var next = "/v1/countries?limit=3";
        var pages = 0;
        while (next is not null)
        {
            using var response = await api.Http.GetAsync(next);
            var page = await ApiSilo.JsonAsync(response);
            Assert.Equal(JsonValueKind.Array, page.ValueKind);
            Assert.InRange(page.GetArrayLength(), 1, 3);
            Assert.Equal("4", Assert.Single(response.Headers.GetValues("X-Total-Count")));
            codes.AddRange(page.EnumerateArray().Select(c => c.GetProperty("code").GetString()!));
            next = NextLink(response);
            pages++;
        }

        Assert.Equal(2, pages);
        Assert.Equal(["AZ", "BY", "KZ", "MM"], codes);
    }

    [Fact]
    public async Task WithoutLimitEveryCountryComesInOnePage()
    {
        using var response = await api.Http.GetAsync("/v1/countries");
        var all = await ApiSilo.JsonAsync(response);
        Assert.Equal(4, all.GetArrayLength());
        Assert.Null(NextLink(response));
    }

    [Fact]
    public async Task LevelFiltersKeepOnlyThoseLevels()
    {
        var all = await api.GetJsonAsync("/v1/countries");
        var levels = all.EnumerateArray().Select(c => c.GetProperty("level").GetString()!).ToList();
        var first = levels[0];
        var filtered = await api.GetJsonAsync($"/v1/countries?level={first}");
        Assert.All(filtered.EnumerateArray(), c => Assert.Equal(first, c.GetProperty("level").GetString()));
        Assert.InRange(filtered.GetArrayLength(), 1, 4);

        var none = await api.GetJsonAsync("/v1/countries?level=critical,warning&signal=bgp6");
        Assert.Equal(0, none.GetArrayLength());
        var bySignal = await api.GetJsonAsync("/v1/countries?level=normal,warning,critical,unknown&signal=probes");
        Assert.Equal(4, bySignal.GetArrayLength());
    }

    [Theory]
    [InlineData("/v1/countries?level=red", "Bad level")]
    [InlineData("/v1/countries?level=", "Bad level")]
    [InlineData("/v1/countries?level=Critical", "Bad level")]
    [InlineData("/v1/countries?signal=ping&level=critical", "Bad signal")]
    [InlineData("/v1/countries?signal=bgp", "signal without level")]
    [InlineData("/v1/countries?limit=abc", "Bad limit")]
    [InlineData("/v1/countries?limit=0", "Bad limit")]
    [InlineData("/v1/countries?limit=1001", "Bad limit")]
    [InlineData("/v1/countries?cursor=not-ours", "Bad cursor")]
    [InlineData("/v1/countries/BY/asns?limit=-1", "Bad limit")]
    [InlineData("/v1/events?limit=x", "Bad limit")]
    [InlineData("/v1/events?open=maybe", "Bad open")]
    [InlineData("/v1/events?cc=B1", "Malformed country code")]
    [InlineData("/v1/events?asn=ASX", "Malformed AS number")]
    [InlineData("/v1/events?region=B1-MINSK", "Malformed region code")]
    [InlineData("/v1/events?region=BY-HM&asn=AS6697", "Region and AS")]
    [InlineData("/v1/events?from=yesterday", "Malformed from")]
    [InlineData("/v1/events?from=2021-02-02&until=2021-02-01", "Reversed range")]
    [InlineData("/v1/events?page=0", "Bad page")]
    [InlineData("/v1/events?page=2147483647", "Bad page")]
    [InlineData("/v1/events?page=200002&limit=50", "Bad page")]
    [InlineData("/v1/events?until=0001-01-01T00:00:00Z", "Time out of range")]
    [InlineData("/v1/events?from=9999-12-31T00:00:00Z&until=9999-12-31T23:59:59Z", "Time out of range")]
    [InlineData("/v1/events?cursor=bzIxNDc0ODM2NDc", "Bad cursor")]
    [InlineData("/v1/countries?cursor=bzIxNDc0ODM2NDc", "Bad cursor")]
    [InlineData("/v1/events?level=normal", "Bad level")]
    [InlineData("/v1/events?level=3", "Bad level")]
    public async Task BadListParametersGetProblems(string path, string title)
    {
        using var response = await api.Http.GetAsync(path);
        var problem = await ApiSilo.ProblemAsync(response, 400);
        Assert.Equal(title, problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task CountryAsesArePagedToo()
    {
        // A country learns its origin ASes from the shards' first reports, which the demo's table
        // load sends a moment after the silo answers: wait for them rather than race them.
        await Poll.UntilAsync("BY knows its origin AS", async () =>
        {
            using var probe = await api.Http.GetAsync("/v1/countries/BY/asns");
            return (await ApiSilo.JsonAsync(probe)).GetArrayLength() > 0;
        }, TimeSpan.FromSeconds(60));
        using var response = await api.Http.GetAsync("/v1/countries/BY/asns?limit=1");
        var page = await ApiSilo.JsonAsync(response);
        Assert.Equal("AS65101", Assert.Single(page.EnumerateArray()).GetProperty("code").GetString());
        Assert.Equal("1", Assert.Single(response.Headers.GetValues("X-Total-Count")));
        Assert.Null(NextLink(response));
    }

    [Fact]
    public async Task EventsTakeCcOpenAndCursorAndKeepTheirBody()
    {
        using var response = await api.Http.GetAsync("/v1/events?cc=BY&open=true&limit=5&from=2020-01-01T00:00:00Z");
        var body = await ApiSilo.JsonAsync(response);
        Assert.Equal(5, body.GetProperty("pageSize").GetInt32());
        Assert.Equal(JsonValueKind.Array, body.GetProperty("items").ValueKind);
        Assert.All(body.GetProperty("items").EnumerateArray(), e => Assert.Equal("active", e.GetProperty("status").GetString()));
        Assert.Equal(body.GetProperty("total").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(response.Headers.GetValues("X-Total-Count")));
    }

    [Fact]
    public async Task SubscriptionsArePagedWithLinks()
    {
        for (var i = 0; i < 3; i++)
        {
            var subscription = new { url = $"http://127.0.0.1:9/hook{i}", secret = "a-secret-of-sixteen-or-more", countries = new[] { "BY" } };
            using var created = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/subscriptions", JsonContent.Create(subscription)));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var ids = new List<string>();
        var next = "/v1/subscriptions?limit=2";
        while (next is not null)
        {
            using var response = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Get, next));
            var page = await ApiSilo.JsonAsync(response);
            ids.AddRange(page.EnumerateArray().Select(s => s.GetProperty("id").GetString()!));
            Assert.DoesNotContain("secret", page.GetRawText(), StringComparison.Ordinal);
            next = NextLink(response);
        }

        Assert.True(ids.Count >= 3);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    /// <summary>The target of <c>Link: &lt;…&gt;; rel="next"</c>, or null.</summary>
    internal static string? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var links))
        {
            return null;
        }

        var link = Assert.Single(links);
        Assert.EndsWith("; rel=\"next\"", link, StringComparison.Ordinal);
        return link[1..link.IndexOf('>', StringComparison.Ordinal)];
    }
}
