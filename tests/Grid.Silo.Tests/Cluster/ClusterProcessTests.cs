using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Grid.Testing.Postgres;
using Grid.Testing.Processes;
using Grid.Testing.Silo;
using Npgsql;
using Xunit.Abstractions;

namespace Grid.Silo.Tests.Cluster;

/// <summary>
/// Three real silo processes on loopback against a real PostgreSQL: grains spread over all three;
/// after kill -9 of one its grains are active again on the others within 10 s, with their state,
/// while the survivors' API answers every request; a fourth silo then receives a share.
/// </summary>
public sealed class ClusterProcessTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    private const int AsCount = 300;
    private const int FirstAsn = 64600;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task GrainsSpreadSurviveAKill9AndRebalanceOntoANewSilo()
    {
        var database = await postgres.CreateDatabaseAsync("cluster");
        var ingestKey = RandomNumberGenerator.GetHexString(32);
        await using var cluster = await SiloCluster.StartAsync(database, 3, Environment(ingestKey));
        await cluster.WaitUntilFormedAsync(Wait);
        var (first, second, victim) = (cluster.Silos[0], cluster.Silos[1], cluster.Silos[2]);

        // Each AS gets 1 to 3 blocks up: the count is the state that must survive the kill. The
        // results go to the silo that will die, so after the kill only stored state can answer.
        using (var posted = await PostProbesAsync(victim, ingestKey))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        var seen = "";
        try
        {
            await Poll.UntilAsync("every AS shows its probed blocks, persisted", async () =>
            {
                var values = await Task.WhenAll(new[] { 0, AsCount / 2, AsCount - 1 }.Select(i => ProbesValueAsync(first, i)));
                var persisted = await PersistedAsCountAsync(database);
                seen = $"values {string.Join(", ", values)}; {persisted} persisted";
                return values.SequenceEqual([BlocksOf(0), BlocksOf(AsCount / 2), BlocksOf(AsCount - 1)]) && persisted == AsCount;
            }, Wait);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message} Last seen: {seen}\n{cluster.Logs()}", ex);
        }

        // An activation the rebalancer is moving shows on both silos for a moment (seen once in CI:
        // 301 of 300), so the spread is read again until the silos agree on the total.
        var counts = Array.Empty<int>();
        try
        {
            await Poll.UntilAsync("the silos' activation counts add up", async () =>
            {
                counts = await Task.WhenAll(cluster.Silos.Select(s => SiloCluster.ActivationsAsync(s, "as")));
                return counts.Sum() == AsCount;
            }, TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
            // The assertions below say what the last read found.
        }
        output.WriteLine($"AS grains per silo: {string.Join(", ", counts)}");
        Assert.All(counts, c => Assert.True(c > 0, $"grains spread over all three silos: {string.Join(", ", counts)}"));
        Assert.Equal(AsCount, counts.Sum());
        for (var i = 0; i < AsCount; i++)
        {
            Assert.Equal(BlocksOf(i), await ProbesValueAsync(second, i));
        }

        // The state was written at the last Signals:Step; wait one more so the kill loses nothing.
        await Task.Delay(TimeSpan.FromSeconds(2));

        using var stopLoad = new CancellationTokenSource();
        var load = LoadAsync([first, second], readers: 4, stopLoad.Token);
        var killedAt = Stopwatch.StartNew();
        victim.Kill();

        // Orleans activates a dead silo's grains on their next call: every AS is read until each
        // answers from a survivor with the state it had before the kill.
        var answered = new bool[AsCount];
        await Poll.UntilAsync("every AS grain answers from a survivor with its state", async () =>
        {
            var pending = Enumerable.Range(0, AsCount).Where(i => !answered[i]).ToList();
            var values = await Task.WhenAll(pending.Select(i => ProbesValueAsync(i % 2 == 0 ? first : second, i)));
            for (var k = 0; k < pending.Count; k++)
            {
                answered[pending[k]] = values[k] == BlocksOf(pending[k]);
            }

            return answered.All(a => a);
        }, Wait);
        var recovered = killedAt.Elapsed;
        await stopLoad.CancelAsync();
        var (requests, failures, slowest) = await load;
        output.WriteLine($"kill -9 → all {AsCount} AS grains answered from the survivors after {recovered.TotalSeconds:0.0} s; {requests} API requests during the window, {failures} failed, slowest {slowest.TotalMilliseconds:0} ms");

        Assert.True(recovered < TimeSpan.FromSeconds(10), $"the dead silo's grains answered from survivors after {recovered.TotalSeconds:0.0} s, not within 10 s\n{cluster.Logs()}");
        // The errors first (an unhandled exception behind a 500), then the rest that name an exception.
        Assert.True(failures == 0, $"{failures} API requests failed during the window\n{string.Join('\n', cluster.Running.SelectMany(s => s.Output).Where(l => l.Contains("Exception", StringComparison.Ordinal)).OrderBy(l => l.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal) ? 0 : 1).Take(20))}");
        Assert.True(requests > 0);
        for (var i = 0; i < AsCount; i++)
        {
            Assert.Equal(BlocksOf(i), await ProbesValueAsync(i % 2 == 0 ? first : second, i));
        }

        var newcomer = await cluster.AddSiloAsync();
        await cluster.WaitUntilFormedAsync(Wait);
        // Handovers go at most Grid:Cluster:HandOversPerSecond and each is adopted on a heartbeat
        // round; on a loaded 2-core CI machine that took over a minute once, so the join gets two.
        var joinWait = Wait * 2;
        await Poll.UntilAsync("the fourth silo runs a share of the AS grains", async () => await SiloCluster.ActivationsAsync(newcomer, "as") >= AsCount / 6, joinWait);
        var spread = "";
        try
        {
            await Poll.UntilAsync("each AS grain runs on exactly one silo", async () =>
            {
                var perSilo = await Task.WhenAll(cluster.Running.Select(s => SiloCluster.ActivationsAsync(s, "as")));
                spread = string.Join(", ", perSilo);
                return perSilo.Sum() == AsCount;
            }, joinWait);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message} AS grains per silo: {spread}\n{cluster.Logs()}", ex);
        }
        output.WriteLine($"after the join: {string.Join(", ", await Task.WhenAll(cluster.Running.Select(s => SiloCluster.ActivationsAsync(s, "as"))))}");
        for (var i = 0; i < AsCount; i++)
        {
            Assert.Equal(BlocksOf(i), await ProbesValueAsync(newcomer, i));
        }
    }

    [Fact]
    public async Task TheApiKeepsItsPortAndTheSiloPortAnswersNoHttp()
    {
        var database = await postgres.CreateDatabaseAsync("cluster");
        // Silo names and addresses are shown to admin keys only (issue 21).
        var adminKey = RandomNumberGenerator.GetHexString(32);
        var environment = Environment(RandomNumberGenerator.GetHexString(32));
        environment["Grid__Auth__Keys__1__Hash"] = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(adminKey)));
        environment["Grid__Auth__Keys__1__Scopes__0"] = "admin";
        await using var cluster = await SiloCluster.StartAsync(database, 1, environment);
        var silo = cluster.Silos[0];
        silo.Http.DefaultRequestHeaders.Add("X-Api-Key", adminKey);
        var view = await SiloCluster.ViewAsync(silo);
        Assert.Equal("cluster", view.GetProperty("mode").GetString());
        Assert.Equal("silo-1", view.GetProperty("siloId").GetString());
        var info = await silo.Http.GetFromJsonAsync<JsonElement>("/");
        Assert.Equal("silo-1", info.GetProperty("siloId").GetString());
        var endpoint = view.GetProperty("endpoint").GetString()!;
        Assert.Equal($"127.0.0.1:{cluster.SiloPortOf(silo).ToString(CultureInfo.InvariantCulture)}", endpoint);
        Assert.NotEqual(silo.BaseAddress.Port, cluster.SiloPortOf(silo));

        // The silo port speaks Orleans' own protocol to other silos, and nothing else: an HTTP request gets no HTTP answer.
        var siloPort = new Uri($"http://{endpoint}/v1/cluster");
        using var http11 = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await Assert.ThrowsAnyAsync<Exception>(() => http11.GetAsync(siloPort));
        using var http2 = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact, Timeout = TimeSpan.FromSeconds(10) };
        await Assert.ThrowsAnyAsync<Exception>(() => http2.GetAsync(siloPort));

        // The retired runtime's cluster routes are gone from the API port too.
        using var retired = await silo.Http.PostAsync("/grid/cluster/v1/activate", new StringContent("as/AS64600"));
        Assert.Equal(HttpStatusCode.NotFound, retired.StatusCode);
        Assert.True(await silo.Http.GetAsync("/v1/cluster") is { IsSuccessStatusCode: true });
    }

    private static Dictionary<string, string?> Environment(string ingestKey) => ProbingCluster.Environment(ingestKey, TimeSpan.FromSeconds(1));

    private static int BlocksOf(int i) => 1 + (i % 3);

    private static string Asn(int i) => $"AS{(FirstAsn + i).ToString(CultureInfo.InvariantCulture)}";

    private static Task<HttpResponseMessage> PostProbesAsync(SiloProcess silo, string ingestKey)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var results = new List<object>();
        for (var i = 0; i < AsCount; i++)
        {
            for (var j = 0; j < BlocksOf(i); j++)
            {
                // A /24 of its own for every (AS, block): 10.<2j + i/256>.<i mod 256>.0/24.
                var address = $"10.{(2 * j) + (i / 256)}.{i % 256}.1";
                results.Add(new { address, timestamp = now, sent = 2, rttMs = new[] { 40.0, 44.0 }, asn = Asn(i) });
            }
        }

        return ProbingCluster.PostResultsAsync(silo, ingestKey, results);
    }

    private static async Task<long> ProbesValueAsync(SiloProcess silo, int i)
    {
        using var response = await silo.Http.GetAsync($"/v1/asns/{Asn(i)}");
        if (!response.IsSuccessStatusCode)
        {
            return -1;
        }

        var status = await response.Content.ReadFromJsonAsync<JsonElement>();
        return status.GetProperty("signals").GetProperty("probes").TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : -1;
    }

    private static async Task<long> PersistedAsCountAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM OrleansStorage WHERE GrainTypeString = 'signals' AND GrainIdExtensionString LIKE 'AS%'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Several readers of AS statuses on the survivors; returns how many requests were sent, how many failed, and the slowest.</summary>
    private async Task<(int Requests, int Failures, TimeSpan Slowest)> LoadAsync(SiloProcess[] survivors, int readers, CancellationToken stop)
    {
        var results = await Task.WhenAll(Enumerable.Range(0, readers).Select(r => ReadInLoopAsync(survivors, new Random(r), stop)));
        return (results.Sum(r => r.Requests), results.Sum(r => r.Failures), results.Max(r => r.Slowest));
    }

    private async Task<(int Requests, int Failures, TimeSpan Slowest)> ReadInLoopAsync(SiloProcess[] survivors, Random random, CancellationToken stop)
    {
        var (requests, failures, slowest) = (0, 0, TimeSpan.Zero);
        while (!stop.IsCancellationRequested)
        {
            var silo = survivors[requests % survivors.Length];
            var clock = Stopwatch.StartNew();
            try
            {
                using var response = await silo.Http.GetAsync($"/v1/asns/{Asn(random.Next(AsCount))}", CancellationToken.None);
                if (!response.IsSuccessStatusCode)
                {
                    failures++;
                    output.WriteLine($"{(int)response.StatusCode} after {clock.ElapsedMilliseconds} ms: {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                }
            }
            catch (HttpRequestException ex)
            {
                failures++;
                output.WriteLine($"failed after {clock.ElapsedMilliseconds} ms: {ex.Message}");
            }

            requests++;
            slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
            await Task.Delay(20, CancellationToken.None);
        }

        return (requests, failures, slowest);
    }
}
