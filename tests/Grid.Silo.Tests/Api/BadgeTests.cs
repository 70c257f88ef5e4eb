using System.Net;
using System.Xml.Linq;

namespace Grid.Silo.Tests.Api;

/// <summary>The embeddable badge: well-formed SVG naming the country and its state.</summary>
public sealed class BadgeTests(ApiSilo api) : IClassFixture<ApiSilo>
{
    [Fact]
    public async Task TheBadgeIsWellFormedSvgNamingTheCountryAndItsState()
    {
        var status = await api.GetJsonAsync("/v1/countries/BY");
        var expected = status.GetProperty("level").GetString() switch
        {
            "normal" => "normal",
            "warning" => "disrupted",
            "critical" => "down",
            _ => "no data",
        };

        using var response = await api.Http.GetAsync("/v1/countries/by/badge.svg");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        var texts = svg.Descendants(ns + "text").Select(t => t.Value).ToList();
        Assert.Equal("internet in BY", texts[0]);
        // The level can move between the two requests in the demo; the message must be one of the four.
        Assert.Contains(texts[1], new[] { expected, "normal", "disrupted", "down", "no data" });
    }

    [Theory]
    [InlineData("/v1/countries/B%3C/badge.svg", 400)]
    [InlineData("/v1/countries/XQ/badge.svg", 404)]
    public async Task BadOrUnknownCountriesGetProblemsNotImages(string path, int status)
    {
        using var response = await api.Http.GetAsync(path);
        await ApiSilo.ProblemAsync(response, status);
    }
}
