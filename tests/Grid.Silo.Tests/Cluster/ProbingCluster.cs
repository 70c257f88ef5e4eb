using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Grid.Testing.Data;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Cluster;

/// <summary>What the cluster tests that POST probe results share: the silos' settings and the POST.</summary>
internal static class ProbingCluster
{
    /// <summary>Second-scale signal steps and probe bins, blocks that never go stale, and an API key with the <c>ingest</c> scope.</summary>
    public static Dictionary<string, string?> Environment(string ingestKey, TimeSpan probeInterval) => new()
    {
        ["Grid__Feeds__RisLive__Enabled"] = "false",
        // The tests read hundreds of entities from one address, faster than the default per-address limit.
        ["Grid__RateLimits__Enabled"] = "false",
        ["Grid__Geo__Dir"] = SharedData.PathOf("rir"),
        ["Grid__Probing__Interval"] = probeInterval.ToString("c", CultureInfo.InvariantCulture),
        ["Grid__Probing__StaleBins"] = "100000",
        ["Grid__Signals__Step"] = "00:00:01",
        ["Grid__Auth__Keys__0__Hash"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ingestKey))),
        ["Grid__Auth__Keys__0__Scopes__0"] = "ingest",
    };

    /// <summary><c>POST /v1/probes/results</c> of Grid's own result format.</summary>
    public static Task<HttpResponseMessage> PostResultsAsync(SiloProcess silo, string ingestKey, IEnumerable<object> results)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/probes/results") { Content = JsonContent.Create(new { results }) };
        request.Headers.Add("X-Api-Key", ingestKey);
        return silo.Http.SendAsync(request);
    }
}
