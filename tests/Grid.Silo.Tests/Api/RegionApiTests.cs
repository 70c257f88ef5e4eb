using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grid.Geography;
using Grid.Geography.Regions;
using Grid.Testing.Data;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Api;

/// <summary>
/// A silo with DB-IP's City Lite loaded (Grid:Geo:Regions) and no feed, and the same data read in
/// the test to know which regions to expect. <c>answers</c> is judged like probes after a day's
/// warm-up, so a four-day series can end in an outage.
/// </summary>
public sealed class RegionSilo : IAsyncLifetime
{
    private SiloProcess? _silo;

    public RegionMap Map => Grid.Silo.Tests.Regions.RegionWorld.Map;

    public HttpClient Http => (_silo ?? throw new InvalidOperationException("The silo has not started.")).Http;

    public async Task InitializeAsync() => _silo = await SiloProcess.StartAsync([], ApiSilo.Settings(new Dictionary<string, string?>
    {
        ["Grid__Geo__Regions"] = SharedData.RegionDatabaseDirectory,
        ["Grid__Feeds__RisLive__Enabled"] = "false",
        ["Grid__Detection__Signals__answers__Like"] = "probes",
        ["Grid__Detection__Signals__answers__WarmUp"] = "1.00:00:00",
        ["Grid__Detection__Signals__answers__MinDuration"] = "02:00:00",
    }));

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }

    public async Task<JsonElement> GetJsonAsync(string path) => await Http.GetFromJsonAsync<JsonElement>(path);
}

/// <summary><c>/v1/regions…</c> and a country's <c>regions</c>, on a real silo with the real region data.</summary>
public sealed class RegionApiTests(RegionSilo api) : IClassFixture<RegionSilo>
{
    private const string License = "<https://db-ip.com>; rel=\"license\"";

    // Not one of the demo's four countries: its regions have no data until a test gives them some.
    private static readonly CountryCode Quiet = CountryCode.Parse("GE");

    [Fact]
    public async Task ACountrysRegionsAreListedByCodeWithTheirAttribution()
    {
        var expected = api.Map.RegionsOf(Quiet);
        Assert.True(expected.Count >= 2, $"{Quiet} has {expected.Count} regions in the data");

        using var response = await api.Http.GetAsync($"/v1/regions?country={Quiet.ToString().ToLowerInvariant()}");
        var list = await ApiSilo.JsonAsync(response);

        Assert.Equal(expected.Select(r => r.Code), list.EnumerateArray().Select(r => r.GetProperty("code").GetString()));
        Assert.Equal(expected.Select(r => r.Name), list.EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.All(list.EnumerateArray(), r =>
        {
            Assert.Equal("region", r.GetProperty("kind").GetString());
            Assert.Equal(Quiet.ToString(), r.GetProperty("country").GetString());
            Assert.Equal(RegionMap.Attribution, r.GetProperty("attribution").GetString());
        });
        Assert.Equal(expected.Count.ToString(CultureInfo.InvariantCulture), response.Headers.GetValues("X-Total-Count").Single());
        Assert.Contains(License, response.Headers.GetValues("Link"));
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task TheWorldsRegionsArePagedByCode()
    {
        using var first = await api.Http.GetAsync("/v1/regions?limit=50");
        var page = await ApiSilo.JsonAsync(first);

        Assert.Equal(api.Map.Regions.Count.ToString(CultureInfo.InvariantCulture), first.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal(api.Map.Regions.Take(50).Select(r => r.Code), page.EnumerateArray().Select(r => r.GetProperty("code").GetString()));
        var links = first.Headers.GetValues("Link").ToList();
        Assert.Contains(License, links);
        var next = links.Single(l => l.Contains("rel=\"next\"", StringComparison.Ordinal));
        var nextPage = await api.GetJsonAsync(next[1..next.IndexOf('>', StringComparison.Ordinal)]);
        Assert.Equal(api.Map.Regions.Skip(50).Take(50).Select(r => r.Code), nextPage.EnumerateArray().Select(r => r.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task ARegionAnswersInAnyCaseWithAnETagItRevalidates()
    {
        var region = api.Map.RegionsOf(Quiet)[0];

        using var first = await api.Http.GetAsync($"/v1/regions/{region.Code.ToLowerInvariant()}");
        var status = await ApiSilo.JsonAsync(first);
        Assert.Equal(region.Code, status.GetProperty("code").GetString());
        Assert.Equal(region.Name, status.GetProperty("name").GetString());
        Assert.Equal(RegionMap.Attribution, status.GetProperty("attribution").GetString());
        Assert.Contains(License, first.Headers.GetValues("Link"));

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/v1/regions/{region.Code}") { Headers = { IfNoneMatch = { first.Headers.ETag! } } };
        using var second = await api.Http.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/v1/regions/BY", 400, "Malformed region code")]
    [InlineData("/v1/regions/B1-MINSK", 400, "Malformed region code")]
    [InlineData("/v1/regions/BY-NOWHERE-AT-ALL", 404, "Unknown region")]
    [InlineData("/v1/regions/BY-NOWHERE-AT-ALL/signals", 404, "Unknown region")]
    [InlineData("/v1/regions/BY-NOWHERE-AT-ALL/badge.svg", 404, "Unknown region")]
    [InlineData("/v1/regions/B1-MINSK/badge.svg", 400, "Malformed region code")]
    [InlineData("/v1/regions?country=B1", 400, "Malformed country code")]
    [InlineData("/v1/regions?level=dark", 400, "Bad level")]
    public async Task BadAndUnknownCodesGetProblems(string path, int status, string title)
    {
        using var response = await api.Http.GetAsync(path);
        var problem = await ApiSilo.ProblemAsync(response, status);
        Assert.Equal(title, problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task ARegionThatGoesCriticalShowsInItsCountrysAnswerAndList()
    {
        var regions = api.Map.RegionsOf(Quiet);
        var dark = regions[^1];
        using var before = await api.Http.GetAsync($"/v1/countries/{Quiet}");
        var country = await ApiSilo.JsonAsync(before);
        Assert.Equal(regions.Select(r => r.Code), country.GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("code").GetString()));
        Assert.Equal(RegionMap.Attribution, country.GetProperty("attribution").GetString());
        Assert.Contains(License, before.Headers.GetValues("Link"));

        await PostOutageAsync($"region/{dark.Code}");

        var status = await api.GetJsonAsync($"/v1/regions/{dark.Code}");
        Assert.True(status.GetProperty("level").GetString() == "critical", status.ToString());
        Assert.True(status.GetProperty("hasData").GetBoolean());

        using var after = await api.Http.GetAsync($"/v1/countries/{Quiet}");
        var levels = (await ApiSilo.JsonAsync(after)).GetProperty("regions").EnumerateArray()
            .ToDictionary(r => r.GetProperty("code").GetString()!, r => r.GetProperty("level").GetString());
        Assert.Equal("critical", levels[dark.Code]);
        Assert.All(regions.Where(r => r != dark), r => Assert.Equal("unknown", levels[r.Code]));
        // The country itself has no data and did not change: its answer's tag moved with its region.
        Assert.Equal("unknown", country.GetProperty("level").GetString());
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);

        var critical = await api.GetJsonAsync($"/v1/regions?country={Quiet}&level=critical");
        Assert.Equal([dark.Code], critical.EnumerateArray().Select(r => r.GetProperty("code").GetString()));

        var history = await api.GetJsonAsync($"/v1/regions/{dark.Code}/signals?step=3600");
        Assert.Contains(history.GetProperty("signals").GetProperty("answers").EnumerateArray(), p => p.GetProperty("value").GetInt64() == 3);
        using var csv = await api.Http.GetAsync($"/v1/regions/{dark.Code}/signals?format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("time,", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var badge = await api.Http.GetAsync($"/v1/regions/{dark.Code}/badge.svg");
        Assert.Equal(HttpStatusCode.OK, badge.StatusCode);
        Assert.Equal("image/svg+xml", badge.Content.Headers.ContentType?.MediaType);
        var svg = await badge.Content.ReadAsStringAsync();
        Assert.Contains($"internet in {dark.Code}", svg, StringComparison.Ordinal);
        Assert.Contains("down", svg, StringComparison.Ordinal);
        Assert.Contains(License, badge.Headers.GetValues("Link"));
    }

    /// <summary>Four days of hourly answers near 100 up to now, then 3 for the last six hours.</summary>
    private async Task PostOutageAsync(string entity)
    {
        var now = DateTimeOffset.UtcNow;
        var end = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var points = Enumerable.Range(0, 96).Select(hour => new
        {
            time = end.AddHours(hour - 95).ToString("O", CultureInfo.InvariantCulture),
            entity,
            signal = "answers",
            value = hour >= 90 ? 3 : 100 + (hour * 37 % 11) - 5,
        });
        using var response = await api.Http.SendAsync(ApiSilo.With(ApiSilo.IngestKey, HttpMethod.Post, "/v1/signals", JsonContent.Create(new { points })));
        var body = await ApiSilo.JsonAsync(response);
        Assert.True(96 == body.GetProperty("accepted").GetInt32(), body.ToString());
    }
}

/// <summary>Without region data the region endpoints say how to turn regions on, and countries answer as before.</summary>
public sealed class RegionsOffTests(ApiSilo api) : IClassFixture<ApiSilo>
{
    [Theory]
    [InlineData("/v1/regions")]
    [InlineData("/v1/regions?country=BY")]
    [InlineData("/v1/regions/BY-HM")]
    [InlineData("/v1/regions/BY-HM/signals")]
    [InlineData("/v1/regions/BY-HM/badge.svg")]
    public async Task RegionEndpointsSayHowToTurnRegionsOn(string path)
    {
        using var response = await api.Http.GetAsync(path);
        var problem = await ApiSilo.ProblemAsync(response, 404);
        Assert.Equal("Regions are off", problem.GetProperty("title").GetString());
        Assert.Contains("grid geo fetch --regions", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("Grid:Geo:Regions", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACountrysAnswerHasNoRegionsAndNoLicenseLink()
    {
        using var response = await api.Http.GetAsync("/v1/countries/BY");
        var country = await ApiSilo.JsonAsync(response);
        Assert.False(country.TryGetProperty("regions", out _));
        Assert.False(country.TryGetProperty("attribution", out _));
        Assert.False(response.Headers.Contains("Link"));
    }
}
