using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Grid.Testing.Probing;
using Grid.Testing.Postgres;
using Grid.Testing.Processes;
using Grid.Testing.Silo;
using Xunit.Abstractions;

namespace Grid.Silo.Tests.Cluster;

/// <summary>
/// Issue 15's "split bins": three real silo processes on one PostgreSQL; half of a bin's probe
/// results are POSTed to silo A and half to silo B, and the country's bin counts all of them.
/// </summary>
public sealed class ClusterProbeBinTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    private const int Blocks = 40;
    private const int SplitBlocks = 4;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task HalfOfABinsResultsOnSiloAAndHalfOnSiloBAllCountInTheCountrysBin()
    {
        var database = await postgres.CreateDatabaseAsync("probebins");
        var ingestKey = RandomNumberGenerator.GetHexString(32);
        await using var cluster = await SiloCluster.StartAsync(database, 3, ProbingCluster.Environment(ingestKey, Interval));
        await cluster.WaitUntilFormedAsync(Wait);
        var (a, b) = (cluster.Silos[0], cluster.Silos[1]);
        var from = DateTimeOffset.UtcNow;

        // Within one bin: A takes blocks 0–19 (RTT 10 ms), B blocks 20–39 (RTT 30 ms), spread over
        // four /8 shards; each of four more blocks gets one silence on A and one on B.
        await BinClock.NextBinAsync(Interval, TimeSpan.FromMilliseconds(200));
        using (var first = await ProbingCluster.PostResultsAsync(a, ingestKey, Results(0, Blocks / 2, 10)))
        using (var second = await ProbingCluster.PostResultsAsync(b, ingestKey, Results(Blocks / 2, Blocks, 30)))
        {
            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        }

        // Two silences of the same block, one per silo, meet in one belief: down (one alone leaves it unknown).
        using (var silentOnA = await ProbingCluster.PostResultsAsync(a, ingestKey, Silences()))
        using (var silentOnB = await ProbingCluster.PostResultsAsync(b, ingestKey, Silences()))
        {
            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (silentOnA.StatusCode, silentOnB.StatusCode));
        }

        // Read on the third silo, which took no result.
        var reader = cluster.Silos[2];
        var seen = "";
        try
        {
            await Poll.UntilAsync("XA's bin counts the results of both silos", async () =>
            {
                using var response = await reader.Http.GetAsync($"/v1/countries/XA/signals?from={from.ToUnixTimeSeconds()}&step=1");
                if (!response.IsSuccessStatusCode)
                {
                    // 404 until XA's first bin.
                    seen = $"{(int)response.StatusCode}";
                    return false;
                }

                var signals = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("signals");
                var up = Last(signals, "probes");
                var rtt = Last(signals, "probesRttMicroseconds");
                var loss = Last(signals, "probesLossPpm");
                seen = $"probes {up}, RTT {rtt} µs, loss {loss} ppm";
                // All 40 up; the median of A's 10 ms and B's 30 ms blocks; 8 of 48 probes silent.
                return up == Blocks && rtt == 20_000 && loss == (long)Math.Round(1e6 * SplitBlocks * 2 / (Blocks + (SplitBlocks * 2)));
            }, Wait);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} Last seen: {seen}\n{cluster.Logs()}", e);
        }

        output.WriteLine($"XA on the third silo: {seen}");
        // The census asks all 256 probe shards; the empty ones activate from PostgreSQL and go again.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var status = await reader.Http.GetFromJsonAsync<JsonElement>("/v1/probes/status");
        var cold = clock.Elapsed;
        clock.Restart();
        await reader.Http.GetFromJsonAsync<JsonElement>("/v1/probes/status");
        output.WriteLine($"GET /v1/probes/status: {cold.TotalMilliseconds:0} ms, then {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal((Blocks + SplitBlocks, Blocks, SplitBlocks), (status.GetProperty("blocks").GetInt32(), status.GetProperty("blocksUp").GetInt32(), status.GetProperty("blocksDown").GetInt32()));
        Assert.Equal(Blocks, await ValueAsync(a, "/v1/asns/AS64500"));
    }

    /// <summary>
    /// Block i is 10.0.i.0/24, 172.16.i.0/24, 100.64.i.0/24 or 198.18.i.0/24 by i mod 4: four shards, each fed by both
    /// silos, in space no RIR delegates, which the user-assigned XA may label (geography places real space itself).
    /// </summary>
    private static object[] Results(int from, int to, double rttMs)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return [.. Enumerable.Range(from, to - from).Select(i => (object)new { address = Address(i), timestamp = now, sent = 1, rttMs = new[] { rttMs }, country = "XA", asn = "AS64500" })];
    }

    private static object[] Silences()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return [.. Enumerable.Range(Blocks, SplitBlocks).Select(i => (object)new { address = Address(i), timestamp = now, sent = 1, rttMs = Array.Empty<double>(), country = "XA", asn = "AS64500" })];
    }

    private static string Address(int i) => $"{new[] { "10.0", "172.16", "100.64", "198.18" }[i % 4]}.{i.ToString(CultureInfo.InvariantCulture)}.1";

    private static long? Last(JsonElement signals, string name) =>
        signals.TryGetProperty(name, out var points) && points.GetArrayLength() > 0 ? points[points.GetArrayLength() - 1].GetProperty("value").GetInt64() : null;

    private static async Task<long> ValueAsync(SiloProcess silo, string path) =>
        (await silo.Http.GetFromJsonAsync<JsonElement>(path)).GetProperty("signals").GetProperty("probes").GetProperty("value").GetInt64();
}
