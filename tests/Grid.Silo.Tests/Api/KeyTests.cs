using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Grid.Silo.Tests.Api;

/// <summary>
/// <c>/v1/keys</c>: the configured admin key makes keys; a key is shown once, listed without its
/// secret, works at once with exactly its scopes, and stops working when deleted.
/// </summary>
public sealed partial class KeyTests(ApiSilo api) : IClassFixture<ApiSilo>
{
    [Fact]
    public async Task AMadeKeyWorksWithItsScopesUntilDeleted()
    {
        using var created = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/keys", JsonContent.Create(new { name = "newsroom-bot", scopes = new[] { "admin" } })));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var made = await ApiSilo.JsonAsync(created);
        var key = made.GetProperty("key").GetString()!;
        var id = made.GetProperty("id").GetString()!;
        Assert.Matches(KeyFormat(), key);
        Assert.Equal($"/v1/keys/{id}", created.Headers.Location?.OriginalString);

        using var listed = await api.Http.SendAsync(ApiSilo.With(key, HttpMethod.Get, "/v1/keys"));
        var list = await ApiSilo.JsonAsync(listed);
        var text = list.GetRawText();
        Assert.DoesNotContain(key, text, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiSilo.Hash(key), text, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiSilo.Hash(ApiSilo.AdminKey), text, StringComparison.Ordinal);
        var entry = list.EnumerateArray().Single(k => k.GetProperty("id").GetString() == id);
        Assert.Equal("newsroom-bot", entry.GetProperty("name").GetString());
        Assert.Equal("api", entry.GetProperty("source").GetString());
        Assert.Contains(list.EnumerateArray(), k => k.GetProperty("name").GetString() == "ops" && k.GetProperty("source").GetString() == "configuration");

        using var deleted = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Delete, $"/v1/keys/{id}"));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var refused = await api.Http.SendAsync(ApiSilo.With(key, HttpMethod.Get, "/v1/keys"));
        var problem = await ApiSilo.ProblemAsync(refused, 401);
        Assert.Equal("Unknown API key", problem.GetProperty("title").GetString());
        using var again = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Delete, $"/v1/keys/{id}"));
        await ApiSilo.ProblemAsync(again, 404);
    }

    [Fact]
    public async Task AReadKeyMadeHereCannotManageKeys()
    {
        using var created = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/keys", JsonContent.Create(new { name = "reader", scopes = new[] { "read" } })));
        var key = (await ApiSilo.JsonAsync(created)).GetProperty("key").GetString()!;
        using var refused = await api.Http.SendAsync(ApiSilo.With(key, HttpMethod.Post, "/v1/keys", JsonContent.Create(new { name = "escalate", scopes = new[] { "admin" } })));
        var problem = await ApiSilo.ProblemAsync(refused, 403);
        Assert.Contains("'admin'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 401, "API key required")]
    [InlineData("not-a-key-anyone-has", 401, "Unknown API key")]
    [InlineData(ApiSilo.ReadKey, 403, "Missing scope")]
    [InlineData(ApiSilo.IngestKey, 403, "Missing scope")]
    public async Task KeysNeedTheAdminScope(string? key, int status, string title)
    {
        using var request = key is null ? new HttpRequestMessage(HttpMethod.Get, "/v1/keys") : ApiSilo.With(key, HttpMethod.Get, "/v1/keys");
        using var response = await api.Http.SendAsync(request);
        var problem = await ApiSilo.ProblemAsync(response, status);
        Assert.Equal(title, problem.GetProperty("title").GetString());
        if (status == 401)
        {
            Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheXApiKeyHeaderWorksToo()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/keys") { Headers = { { "X-Api-Key", ApiSilo.AdminKey } } };
        using var response = await api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("{}", "Incomplete key request")]
    [InlineData("{\"name\": \"x\", \"scopes\": []}", "Incomplete key request")]
    [InlineData("{\"name\": \"x\", \"scopes\": [\"root\"]}", "Unknown scope")]
    [InlineData("{\"name\": \"\", \"scopes\": [\"read\"]}", "Incomplete key request")]
    public async Task BadKeyRequestsGetProblems(string body, string title)
    {
        using var response = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/keys", new StringContent(body, System.Text.Encoding.UTF8, "application/json")));
        var problem = await ApiSilo.ProblemAsync(response, 400);
        Assert.Equal(title, problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task ConfiguredKeysAreNotDeletedThroughTheApi()
    {
        using var response = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Delete, "/v1/keys/config-0"));
        await ApiSilo.ProblemAsync(response, 409);
        using var still = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Get, "/v1/keys"));
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [GeneratedRegex("^grid_[0-9A-Za-z]{40}$")]
    private static partial Regex KeyFormat();
}
