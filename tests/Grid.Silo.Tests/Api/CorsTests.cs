using System.Net;

namespace Grid.Silo.Tests.Api;

/// <summary>Browsers on any origin may read status (Fetch standard CORS); they get no CORS grant for writes.</summary>
public sealed class CorsTests(ApiSilo api) : IClassFixture<ApiSilo>
{
    private const string Origin = "https://dashboard.example";

    [Theory]
    [InlineData("/v1/countries/BY")]
    [InlineData("/v1/countries")]
    [InlineData("/v1/events")]
    [InlineData("/openapi/v1.json")]
    public async Task ReadsAnswerAnyOrigin(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Origin", Origin } } };
        using var response = await api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        if (path.StartsWith("/v1/countries", StringComparison.Ordinal))
        {
            var exposed = string.Join(',', response.Headers.GetValues("Access-Control-Expose-Headers"));
            Assert.Contains("ETag", exposed, StringComparison.Ordinal);
            Assert.Contains("Link", exposed, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task APreflightForAKeyedConditionalReadIsAllowed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/v1/countries/BY")
        {
            Headers =
            {
                { "Origin", Origin },
                { "Access-Control-Request-Method", "GET" },
                { "Access-Control-Request-Headers", "authorization,if-none-match" },
            },
        };
        using var response = await api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("GET", string.Join(',', response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WritesGrantNoOrigin()
    {
        using var request = ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/keys", new StringContent("{\"name\":\"x\",\"scopes\":[\"read\"]}", System.Text.Encoding.UTF8, "application/json"));
        request.Headers.Add("Origin", Origin);
        using var response = await api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/v1/keys")
        {
            Headers = { { "Origin", Origin }, { "Access-Control-Request-Method", "POST" } },
        };
        using var refused = await api.Http.SendAsync(preflight);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
