using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grid.Silo.Tests.Api;

namespace Grid.Silo.Tests.Intake;

/// <summary>
/// Each ingest key has a quota of new blocks and all keys together a cap (issue 21, finding 6: one key
/// labelled 100 /24s), with refusals that name the key (never its secret) and the setting to raise.
/// A silo of its own: the cap, once reached, would refuse other tests' new blocks.
/// </summary>
[Collection(IntakeSiloCollection.Name)]
public sealed class ProbeQuotaTests(ProbeQuotaTests.QuotaSilo intake) : IClassFixture<ProbeQuotaTests.QuotaSilo>
{
    /// <summary>20 new /24s per key, 30 from all keys.</summary>
    public sealed class QuotaSilo : IntakeSilo
    {
        protected override IReadOnlyDictionary<string, string?> Extra { get; } = new Dictionary<string, string?>
        {
            ["Grid__Probing__MaxNewBlocksPerKey"] = "20",
            ["Grid__Probing__MaxExternalBlocks"] = "30",
        };
    }

    [Fact]
    public async Task EachKeyHasAQuotaOfNewBlocksAndAllKeysACap()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        // /24s no RIR delegates (RFC 2544's benchmark space), labelled with a user-assigned code.
        object Result(int block) => new { address = $"198.19.{block}.1", timestamp = now, sent = 2, rttMs = new[] { 20.0, 21.0 }, country = "XQ" };

        // The second key's quota (Grid:Probing:MaxNewBlocksPerKey = 20): 25 new blocks, 20 taken.
        var (_, first) = await PostAsync(IntakeSilo.SecondIngestKey, Enumerable.Range(0, 25).Select(Result));
        Assert.Equal(20, first.GetProperty("accepted").GetInt32());
        var overQuota = first.GetProperty("refused").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(20, 5), overQuota.Select(r => r.GetProperty("index").GetInt32()));
        Assert.All(overQuota, r => Assert.Contains("vantage-b", r.GetProperty("reason").GetString(), StringComparison.Ordinal));
        Assert.All(overQuota, r => Assert.Contains("Grid:Probing:MaxNewBlocksPerKey", r.GetProperty("reason").GetString(), StringComparison.Ordinal));
        Assert.All(overQuota, r => Assert.DoesNotContain(IntakeSilo.SecondIngestKey, r.GetProperty("reason").GetString(), StringComparison.Ordinal));

        // Blocks already known still take the key's results.
        var (again, known) = await PostAsync(IntakeSilo.SecondIngestKey, Enumerable.Range(0, 20).Select(Result));
        Assert.Equal((HttpStatusCode.OK, 20), (again, known.GetProperty("accepted").GetInt32()));

        // All keys together may add 30 (Grid:Probing:MaxExternalBlocks): the other key gets the 10 left, then the cap.
        var (_, other) = await PostAsync(ApiSilo.IngestKey, Enumerable.Range(100, 15).Select(Result));
        Assert.Equal(10, other.GetProperty("accepted").GetInt32());
        var full = other.GetProperty("refused").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(10, 5), full.Select(r => r.GetProperty("index").GetInt32()));
        Assert.All(full, r => Assert.Contains("Grid:Probing:MaxExternalBlocks", r.GetProperty("reason").GetString(), StringComparison.Ordinal));
    }

    private async Task<(HttpStatusCode Status, JsonElement Answer)> PostAsync(string key, IEnumerable<object> results)
    {
        using var response = await intake.Http.SendAsync(ApiSilo.With(key, HttpMethod.Post, "/v1/probes/results", JsonContent.Create(new { results })));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
