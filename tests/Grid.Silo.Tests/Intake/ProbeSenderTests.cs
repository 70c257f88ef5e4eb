using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grid.Silo.Tests.Api;

namespace Grid.Silo.Tests.Intake;

/// <summary>
/// Outside senders cannot relabel the world or fill it (issue 21, finding 6): geography, not the
/// sender, decides a block's country and AS, and each ingest key has a quota of new blocks, all keys
/// together a cap, with refusals that say which setting to raise.
/// </summary>
[Collection(IntakeSiloCollection.Name)]
public sealed class ProbeSenderTests(IntakeSilo intake)
{
    [Fact]
    public async Task GoogleSpaceLabelledByIsRefused()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        // 8.8.8.0/24, 8.8.4.0/24 and 8.34.208.0/24 are Google's, delegated to the US by ARIN.
        string[] google = ["8.8.8.8", "8.8.4.4", "8.34.208.1"];
        var asBelarus = google.Select(address => (object)new { address, timestamp = now, sent = 3, rttMs = Array.Empty<double>(), country = "BY" });
        var asBeltelecom = google.Select(address => (object)new { address, timestamp = now, sent = 3, rttMs = Array.Empty<double>(), asn = "AS6697" });

        var (status, answer) = await PostAsync(ApiSilo.IngestKey, asBelarus.Concat(asBeltelecom));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(0, answer.GetProperty("accepted").GetInt32());
        var reasons = answer.GetProperty("refused").EnumerateArray().Select(r => r.GetProperty("reason").GetString()!).ToList();
        Assert.Equal(6, reasons.Count);
        Assert.All(reasons[..3], r => Assert.Contains("is in US by this silo's geography", r, StringComparison.Ordinal));
        Assert.All(reasons[3..], r => Assert.Contains("AS6697 is registered in BY", r, StringComparison.Ordinal));

        // Unlabelled, or labelled with its own country, the same results are taken (geography places them in the US).
        var (kept, _) = await PostAsync(ApiSilo.IngestKey, [new { address = "8.8.8.8", timestamp = now, sent = 3, rttMs = new[] { 9.0 }, country = "US" }]);
        Assert.Equal(HttpStatusCode.OK, kept);
    }

    private async Task<(HttpStatusCode Status, JsonElement Answer)> PostAsync(string key, IEnumerable<object> results)
    {
        using var response = await intake.Http.SendAsync(ApiSilo.With(key, HttpMethod.Post, "/v1/probes/results", JsonContent.Create(new { results })));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
