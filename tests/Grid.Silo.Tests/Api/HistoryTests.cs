using System.Net;
using System.Net.Http.Headers;

namespace Grid.Silo.Tests.Api;

/// <summary><c>/signals</c>: JSON or CSV, with reversed, huge, malformed and out-of-range (before 1970, after 2100) times refused as problems.</summary>
public sealed class HistoryTests(ApiSilo api) : IClassFixture<ApiSilo>
{
    [Theory]
    [InlineData("/v1/countries/BY/signals?from=2021-02-02T00:00:00Z&until=2021-02-01T00:00:00Z", "Reversed range")]
    [InlineData("/v1/countries/BY/signals?from=2000-01-01T00:00:00Z&until=2021-02-01T00:00:00Z", "Range too long")]
    [InlineData("/v1/countries/BY/signals?from=0&until=253402300799", "Time out of range")]
    [InlineData("/v1/countries/BY/signals?until=0001-01-01T00:00:00Z", "Time out of range")]
    [InlineData("/v1/countries/BY/signals?from=9999-12-30T00:00:00Z&until=9999-12-31T23:59:59Z", "Time out of range")]
    [InlineData("/v1/countries/BY/signals?from=9999-12-31T23:59:59Z", "Time out of range")]
    [InlineData("/v1/countries/BY/signals?until=-62135596800", "Time out of range")]
    [InlineData("/v1/asns/AS65101/signals?until=0001-01-01T00:00:00Z", "Time out of range")]
    [InlineData("/v1/countries/BY/signals?step=10675199.00:00:00", "Step too large")]
    [InlineData("/v1/countries/BY/signals?step=2147483647", "Step too large")]
    [InlineData("/v1/countries/BY/signals?from=yesterday", "Malformed from")]
    [InlineData("/v1/countries/BY/signals?until=2021-13-45", "Malformed until")]
    [InlineData("/v1/countries/BY/signals?step=soon", "Malformed step")]
    [InlineData("/v1/countries/BY/signals?step=1&from=2021-01-01T00:00:00Z&until=2021-01-02T00:00:00Z", "Step too small")]
    [InlineData("/v1/countries/BY/signals?format=xml", "Bad format")]
    [InlineData("/v1/asns/AS65101/signals?from=2021-02-02&until=2021-02-01", "Reversed range")]
    [InlineData("/v1/asns/AS65101/signals?from=tomorrow", "Malformed from")]
    public async Task BadRangesGetProblems(string path, string title)
    {
        using var response = await api.Http.GetAsync(path);
        var problem = await ApiSilo.ProblemAsync(response, 400);
        Assert.Equal(title, problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task JsonByDefault()
    {
        using var response = await api.Http.GetAsync("/v1/countries/BY/signals?step=10");
        var history = await ApiSilo.JsonAsync(response);
        Assert.Equal("BY", history.GetProperty("code").GetString());
        Assert.True(history.GetProperty("signals").TryGetProperty("bgp", out _));
    }

    [Theory]
    [InlineData("/v1/countries/BY/signals?step=10&format=csv", null)]
    [InlineData("/v1/countries/BY/signals?step=10", "text/csv")]
    [InlineData("/v1/asns/AS65101/signals?step=10&format=csv", null)]
    public async Task CsvByFormatOrAccept(string path, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        using var response = await api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("time,bgp,", csv, StringComparison.Ordinal);
    }
}
