using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Grid.Silo.Tests.Api;

/// <summary>
/// <c>GET /v1/countries/{cc}</c> answers from the silo's copy of a status while the country's
/// version stands (LocalStatusCache); the list <c>GET /v1/countries</c> asks every grain. On the
/// demo, whose data moves every few seconds, a country read singly, then in the list, then singly
/// again must agree in the list whenever the two single reads agree: a copy older than the grain
/// would show there.
/// </summary>
public sealed class LocalStatusCacheTests(ApiSilo api) : IClassFixture<ApiSilo>
{
    [Fact]
    public async Task ASingleCountryReadIsNeverOlderThanTheGrain()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var compared = 0;
        var clock = Stopwatch.StartNew();
        // Until the demo's data has moved a few times: each move must reach the single read at once.
        while ((seen.Count < 4 || compared < 20) && clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            var before = await SingleAsync("BY");
            var listed = await ListedAsync("BY");
            var after = await SingleAsync("BY");
            seen.Add(after);
            if (before != after)
            {
                // The data moved between the reads: nothing to compare this round.
                continue;
            }

            compared++;
            Assert.Equal(after, listed);
        }

        Assert.True(seen.Count >= 4, $"BY's status changed only {seen.Count - 1} times in {clock.Elapsed.TotalSeconds:0} s; the test needs the demo's data to move.");
        Assert.True(compared >= 20, $"only {compared} rounds fell within one state of BY.");
    }

    private async Task<string> SingleAsync(string country)
    {
        using var answer = await api.Http.GetAsync($"/v1/countries/{country}");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        return json.RootElement.GetRawText();
    }

    private async Task<string> ListedAsync(string country)
    {
        using var answer = await api.Http.GetAsync("/v1/countries");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        return json.RootElement.EnumerateArray().Single(c => c.GetProperty("code").GetString() == country).GetRawText();
    }
}
