using System.Net;
using System.Net.Http.Json;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Api;

/// <summary>With <c>Grid:Auth:RequireKeyForReads=true</c>, reads need the read scope (admin includes it).</summary>
public sealed class ReadAccessTests(KeyedReadsSilo api) : IClassFixture<KeyedReadsSilo>
{
    private SiloProcess Silo => api.Silo;

    [Theory]
    [InlineData("/v1/countries")]
    [InlineData("/v1/countries/BY")]
    [InlineData("/v1/countries/BY/badge.svg")]
    [InlineData("/v1/countries/BY/signals")]
    [InlineData("/v1/asns/AS65101")]
    [InlineData("/v1/events")]
    [InlineData("/v1/feeds")]
    [InlineData("/")]
    [InlineData("/v1/cluster")]
    public async Task ReadsNeedAReadKey(string path)
    {
        using var open = await Silo.Http.GetAsync(path);
        await ApiSilo.ProblemAsync(open, 401);
        using var wrongScope = await Silo.Http.SendAsync(ApiSilo.With(ApiSilo.IngestKey, HttpMethod.Get, path));
        await ApiSilo.ProblemAsync(wrongScope, 403);
        using var reader = await Silo.Http.SendAsync(ApiSilo.With(ApiSilo.ReadKey, HttpMethod.Get, path));
        Assert.Equal(HttpStatusCode.OK, reader.StatusCode);
        using var admin = await Silo.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Get, path));
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task AKeyMadeThroughTheApiReadsAtOnce()
    {
        using var created = await Silo.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/keys", JsonContent.Create(new { name = "bot", scopes = new[] { "read" } })));
        var key = (await ApiSilo.JsonAsync(created)).GetProperty("key").GetString()!;
        using var read = await Silo.Http.SendAsync(ApiSilo.With(key, HttpMethod.Get, "/v1/countries/BY"));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task TheCalendarFeedTakesACalendarOnlyKeyInItsUrlAndNoOtherKeyThere()
    {
        using var created = await Silo.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/keys", JsonContent.Create(new { name = "calendar app", scopes = new[] { "calendar" } })));
        var key = (await ApiSilo.JsonAsync(created)).GetProperty("key").GetString()!;

        // Calendar apps subscribe to a URL and send no headers.
        using var feed = await Silo.Http.GetAsync($"/v1/watch.ics?key={Uri.EscapeDataString(key)}");
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.StartsWith("BEGIN:VCALENDAR", await feed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // That key reads nothing else, and no other endpoint takes a key from its URL.
        using var status = await Silo.Http.SendAsync(ApiSilo.With(key, HttpMethod.Get, "/v1/countries/BY"));
        await ApiSilo.ProblemAsync(status, 403);
        using var statusByUrl = await Silo.Http.GetAsync($"/v1/countries/BY?key={Uri.EscapeDataString(ApiSilo.ReadKey)}");
        await ApiSilo.ProblemAsync(statusByUrl, 401);

        // A read key reads the feed by header, but a key that can do more never rides in a URL.
        using var reader = await Silo.Http.SendAsync(ApiSilo.With(ApiSilo.ReadKey, HttpMethod.Get, "/v1/watch.ics"));
        Assert.Equal(HttpStatusCode.OK, reader.StatusCode);
        foreach (var strong in new[] { ApiSilo.ReadKey, ApiSilo.AdminKey })
        {
            using var inUrl = await Silo.Http.GetAsync($"/v1/watch.ics?key={strong}");
            var problem = await ApiSilo.ProblemAsync(inUrl, 403);
            Assert.Contains("'calendar' scope alone", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using var unknown = await Silo.Http.GetAsync("/v1/watch.ics?key=not-a-key");
        await ApiSilo.ProblemAsync(unknown, 401);
        Assert.DoesNotContain(Silo.Output, line => line.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task HealthStaysOpen()
    {
        using var health = await Silo.Http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}

/// <summary>A demo silo on which reads need a key.</summary>
public sealed class KeyedReadsSilo : ApiSilo
{
    protected override IReadOnlyDictionary<string, string?>? Extra => new Dictionary<string, string?> { ["Grid__Auth__RequireKeyForReads"] = "true" };
}
