using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Grid.Testing.Data;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Probing;

/// <summary><c>POST /v1/probes/results</c> on a real silo: API keys and scopes, then results reaching the country and AS signals.</summary>
public sealed class ProbeIntakeTests
{
    private static readonly string AtlasFile = SharedData.PathOf("live", "ripe-atlas-ping-results.sagan-tests.jsonl");

    [Fact]
    public async Task ResultsNeedAnIngestKeyAndThenReachTheCountryOfTheirAddress()
    {
        var ingestKey = RandomNumberGenerator.GetHexString(32);
        var readKey = RandomNumberGenerator.GetHexString(32);
        await using var silo = await SiloProcess.StartAsync([], new Dictionary<string, string?>
        {
            ["Grid__Feeds__RisLive__Enabled"] = "false",
            ["Grid__Geo__Dir"] = SharedData.PathOf("rir"),
            ["Grid__Probing__Interval"] = "00:00:03",
            ["Grid__Auth__Keys__0__Hash"] = Hash(ingestKey),
            ["Grid__Auth__Keys__0__Scopes__0"] = "ingest",
            ["Grid__Auth__Keys__1__Hash"] = Hash(readKey),
            ["Grid__Auth__Keys__1__Scopes__0"] = "read",
        });
        // Results count in the bin they were measured in, within Grid:Signals:MaxLateness: the sample's
        // results (2012) are given this moment's timestamp, as a vantage point uploading now would.
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var atlas = Encoding.UTF8.GetBytes(System.Text.RegularExpressions.Regex.Replace(await File.ReadAllTextAsync(AtlasFile), "\"timestamp\":\\s*\\d+", $"\"timestamp\":{now}"));

        using (var noKey = await PostAsync(silo, atlas, null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
            Assert.Equal("application/problem+json", noKey.Content.Headers.ContentType?.MediaType);
            Assert.Equal("Bearer", noKey.Headers.WwwAuthenticate.Single().Scheme);
        }

        using (var unknown = await PostAsync(silo, atlas, request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-key")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        }

        using (var wrongScope = await PostAsync(silo, atlas, request => request.Headers.Add("X-Api-Key", readKey)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, wrongScope.StatusCode);
            Assert.Equal("application/problem+json", wrongScope.Content.Headers.ContentType?.MediaType);
            Assert.Contains("'ingest' scope", (await wrongScope.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var kept = await PostAsync(silo, atlas, request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ingestKey)))
        {
            Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
            var body = await kept.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(15, body.GetProperty("accepted").GetInt32());
            Assert.Equal(0, body.GetProperty("refused").GetArrayLength());
        }

        var grid = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            results = new object[]
            {
                new { address = "198.51.100.7", timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), sent = 2, rttMs = new[] { 40.0, 44.0 }, country = "XA", asn = "AS64511" },
                new { address = "198.51.100.8", timestamp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds(), sent = 1, rttMs = new[] { 1.0 } },
            },
        }));
        using (var partly = await PostAsync(silo, grid, request => request.Headers.Add("X-Api-Key", ingestKey)))
        {
            Assert.Equal(HttpStatusCode.OK, partly.StatusCode);
            var body = await partly.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(1, body.GetProperty("accepted").GetInt32());
            var refused = Assert.Single(body.GetProperty("refused").EnumerateArray());
            Assert.Equal(1, refused.GetProperty("index").GetInt32());
            Assert.Contains("in the future", refused.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }

        // 62.2.16.0/24 is Swiss (RIPE's delegated file): one block, up, with the sample's own loss.
        var (sent, received) = AtlasCounts(File.ReadAllLines(AtlasFile));
        var switzerland = await ProbesOnceBinnedAsync(silo, "/v1/countries/CH");
        Assert.Equal(1, switzerland.GetProperty("value").GetInt64());
        Assert.Equal(1 - ((double)received / sent), switzerland.GetProperty("loss").GetDouble(), 6);
        var lab = await ProbesOnceBinnedAsync(silo, "/v1/asns/AS64511");
        Assert.Equal((1, 42.0, 0.0), (lab.GetProperty("value").GetInt64(), lab.GetProperty("medianRttMs").GetDouble(), lab.GetProperty("loss").GetDouble()));

        var status = await silo.Http.GetFromJsonAsync<JsonElement>("/v1/probes/status");
        Assert.Equal((16, 0, 2), (status.GetProperty("externalResults").GetInt32(), status.GetProperty("targets").GetInt32(), status.GetProperty("blocks").GetInt32()));
        Assert.Contains("no hitlist", status.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(silo.Output, line => line.Contains(ingestKey, StringComparison.Ordinal) || line.Contains(readKey, StringComparison.Ordinal));
    }

    private static async Task<HttpResponseMessage> PostAsync(SiloProcess silo, byte[] body, Action<HttpRequestMessage>? authorize)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/probes/results") { Content = new ByteArrayContent(body) };
        authorize?.Invoke(request);
        return await silo.Http.SendAsync(request);
    }

    /// <summary>The entity's probe signal once a bin has carried the results there (bins close every 3 s).</summary>
    private static async Task<JsonElement> ProbesOnceBinnedAsync(SiloProcess silo, string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            using var response = await silo.Http.GetAsync(path);
            if (response.IsSuccessStatusCode)
            {
                var probes = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("signals").GetProperty("probes");
                if (probes.TryGetProperty("loss", out _))
                {
                    return probes;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"{path} showed no probe bin within 20 s");
            await Task.Delay(100);
        }
    }

    /// <summary>Sent and received as the Atlas lines state them (strings in firmware 0), read independently of the intake.</summary>
    private static (long Sent, long Received) AtlasCounts(string[] lines)
    {
        long sent = 0, received = 0;
        foreach (var line in lines)
        {
            var json = JsonDocument.Parse(line).RootElement;
            sent += long.Parse(json.GetProperty("sent").ToString(), System.Globalization.CultureInfo.InvariantCulture);
            received += long.Parse(json.GetProperty("rcvd").ToString(), System.Globalization.CultureInfo.InvariantCulture);
        }

        return (sent, received);
    }

    private static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
