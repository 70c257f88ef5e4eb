using System.Net;
using System.Text.Json;

namespace Grid.Silo.Tests.Api;

/// <summary>The OpenAPI document describes every /v1 endpoint with examples, and /docs renders it.</summary>
public sealed class OpenApiTests(ApiSilo api) : IClassFixture<ApiSilo>
{
    /// <summary>Every /v1 route the silo maps (Program.cs's MapGrid… calls); a new route must be added here and so to the document.</summary>
    public static readonly TheoryData<string, string> Routes = new()
    {
        { "get", "/v1/countries" },
        { "get", "/v1/countries/{cc}" },
        { "get", "/v1/countries/{cc}/asns" },
        { "get", "/v1/countries/{cc}/signals" },
        { "get", "/v1/countries/{cc}/badge.svg" },
        { "get", "/v1/regions" },
        { "get", "/v1/regions/{code}" },
        { "get", "/v1/regions/{code}/signals" },
        { "get", "/v1/regions/{code}/badge.svg" },
        { "get", "/v1/asns/{asn}" },
        { "get", "/v1/asns/{asn}/signals" },
        { "get", "/v1/events" },
        { "get", "/v1/feeds" },
        { "get", "/v1/peers" },
        { "get", "/v1/cluster" },
        { "get", "/v1/probes/status" },
        { "post", "/v1/probes/results" },
        { "post", "/v1/signals" },
        { "get", "/v1/subscriptions" },
        { "post", "/v1/subscriptions" },
        { "delete", "/v1/subscriptions/{id}" },
        { "get", "/v1/keys" },
        { "post", "/v1/keys" },
        { "delete", "/v1/keys/{id}" },
        { "get", "/v1/alerts" },
        { "get", "/v1/elections" },
        { "post", "/v1/elections" },
        { "delete", "/v1/elections/{id}" },
        { "get", "/v1/watch" },
        { "get", "/v1/watch.ics" },
        { "post", "/v1/watch" },
        { "delete", "/v1/watch/{id}" },
        { "get", "/v1/events/{id}/evidence" },
        { "get", "/v1/evidence/key" },
        { "get", "/v1/evidence/log" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task EveryRouteIsDescribedWithResponsesAndExamples(string method, string path)
    {
        var document = await DocumentAsync();
        Assert.True(document.GetProperty("paths").TryGetProperty(path, out var item), $"{path} is missing from /openapi/v1.json");
        Assert.True(item.TryGetProperty(method, out var operation), $"{method.ToUpperInvariant()} {path} is missing from /openapi/v1.json");
        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
        var responses = operation.GetProperty("responses");
        Assert.True(responses.TryGetProperty("429", out _), "every operation documents the rate limit's 429");
        Assert.Contains(responses.EnumerateObject(), r => r.Name.StartsWith('2'));
        var examples = responses.EnumerateObject()
            .Where(r => r.Value.TryGetProperty("content", out _))
            .SelectMany(r => r.Value.GetProperty("content").EnumerateObject())
            .Count(c => c.Value.TryGetProperty("example", out _));
        Assert.True(examples > 0, $"{method.ToUpperInvariant()} {path} has no example");
        foreach (var parameter in operation.TryGetProperty("parameters", out var parameters) ? parameters.EnumerateArray() : [])
        {
            if (parameter.GetProperty("in").GetString() == "query" || path.StartsWith("/v1/countries", StringComparison.Ordinal))
            {
                Assert.True(parameter.TryGetProperty("description", out _), $"{path}: parameter {parameter.GetProperty("name")} has no description");
            }
        }
    }

    [Fact]
    public async Task TheDocumentDescribesNoRouteTheSiloDoesNotHave()
    {
        var document = await DocumentAsync();
        var described = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => (m.Name, p.Name)))
            .ToHashSet();
        var listed = Routes.Select(r => ((string)r[0], (string)r[1])).ToHashSet();
        Assert.Empty(described.Except(listed));
        Assert.Equal("3.1.1", document.GetProperty("openapi").GetString());
    }

    [Fact]
    public async Task KeyedOperationsNameTheirScope()
    {
        var document = await DocumentAsync();
        var post = document.GetProperty("paths").GetProperty("/v1/keys").GetProperty("post");
        var scopes = post.GetProperty("security").EnumerateArray().SelectMany(s => s.EnumerateObject()).SelectMany(s => s.Value.EnumerateArray()).Select(s => s.GetString());
        Assert.Equal(["admin"], scopes);
        Assert.True(post.GetProperty("responses").TryGetProperty("401", out _));
        Assert.True(post.GetProperty("responses").TryGetProperty("403", out _));
        Assert.True(post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").TryGetProperty("example", out _));
    }

    [Theory]
    [InlineData("/v1/keys")]
    [InlineData("/v1/subscriptions")]
    [InlineData("/v1/elections")]
    [InlineData("/v1/watch")]
    [InlineData("/v1/probes/results")]
    [InlineData("/v1/signals")]
    public async Task WriteBodiesHaveExamples(string path)
    {
        var document = await DocumentAsync();
        var body = document.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.Contains(body.EnumerateObject(), c => c.Value.TryGetProperty("example", out _));
    }

    [Fact]
    public async Task TheDocsPageIsHtmlThatLoadsTheDocument()
    {
        using var response = await api.Http.GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("fetch(\"/openapi/v1.json\")", html, StringComparison.Ordinal);
        // Self-contained: no script or stylesheet from elsewhere (there is no internet where Grid runs).
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"http", html, StringComparison.Ordinal);
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var response = await api.Http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
