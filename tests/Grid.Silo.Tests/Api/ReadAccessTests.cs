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
