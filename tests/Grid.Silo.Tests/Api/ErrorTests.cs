using System.Net;
using System.Text;

namespace Grid.Silo.Tests.Api;

/// <summary>Every error is application/problem+json (RFC 9457) with a detail that says what to do.</summary>
public sealed class ErrorTests(ApiSilo api) : IClassFixture<ApiSilo>
{
    [Theory]
    [InlineData("/v1/countries/B1", 400, "Malformed country code")]
    [InlineData("/v1/countries/BYE", 400, "Malformed country code")]
    [InlineData("/v1/countries/XQ", 404, "Unknown country")]
    [InlineData("/v1/countries/B1/asns", 400, "Malformed country code")]
    [InlineData("/v1/countries/XQ/signals", 404, "Unknown country")]
    [InlineData("/v1/asns/ASX", 400, "Malformed AS number")]
    [InlineData("/v1/asns/99999999999", 400, "Malformed AS number")]
    [InlineData("/v1/asns/AS4200000001", 404, "Unknown AS")]
    [InlineData("/v1/asns/65101x/signals", 400, "Malformed AS number")]
    [InlineData("/v1/no-such-thing", 404, "Not Found")]
    public async Task BadCodesAndUnknownThingsGetProblems(string path, int status, string title)
    {
        using var response = await api.Http.GetAsync(path);
        var problem = await ApiSilo.ProblemAsync(response, status);
        Assert.Equal(title, problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task AWrongMethodGets405WithAllow()
    {
        using var response = await api.Http.PutAsync("/v1/countries/BY", new StringContent("{}", Encoding.UTF8, "application/json"));
        await ApiSilo.ProblemAsync(response, 405);
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task AWrongContentTypeGets415()
    {
        using var response = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/keys", new StringContent("name=bot", Encoding.UTF8, "text/plain")));
        var problem = await ApiSilo.ProblemAsync(response, 415);
        Assert.Contains("application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreadableJsonGets400NamingTheParameter()
    {
        using var response = await api.Http.SendAsync(ApiSilo.With(ApiSilo.AdminKey, HttpMethod.Post, "/v1/keys", new StringContent("{\"name\": ", Encoding.UTF8, "application/json")));
        var problem = await ApiSilo.ProblemAsync(response, 400);
        Assert.Contains("request body", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownRouteIsNotMistakenForAnEmptyAnswer()
    {
        using var response = await api.Http.GetAsync("/v2/countries/BY");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await ApiSilo.ProblemAsync(response, 404);
    }
}
