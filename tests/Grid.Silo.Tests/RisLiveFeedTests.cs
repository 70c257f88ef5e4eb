using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grid.Testing.Data;
using Grid.Testing.Processes;
using Grid.Testing.Silo;
using Grid.Testing.Web;

namespace Grid.Silo.Tests;

/// <summary>The silo following a real websocket server that speaks RIS Live's protocol.</summary>
public sealed class RisLiveFeedTests
{
    private const string RisLive = "rislive";

    private static Dictionary<string, string?> Settings(Uri url, Uri? bootstrap = null) => new()
    {
        ["Grid__Logging__Format"] = "json",
        ["Grid__Feeds__RisLive__Url"] = url.ToString(),
        ["Grid__Feeds__RisLive__BootstrapRib"] = bootstrap?.ToString() ?? "",
        ["Grid__Feeds__RisLive__FlushInterval"] = "00:00:00",
        // The recorded RIS peers carry one prefix each; the test's peer carries more, so it alone is full-feed.
        ["Grid__Visibility__FullFeedIPv4Prefixes"] = "1",
        ["Grid__Visibility__FullFeedIPv6Prefixes"] = "1",
    };

    /// <summary>An UPDATE as RIS Live sends it: "host" names the collector that heard it.</summary>
    private static string Update(string host, string peer, string asn, long time, string[] announce, string[] withdraw, params uint[] path) =>
        JsonSerializer.Serialize(new
        {
            type = "ris_message",
            data = new
            {
                timestamp = time,
                peer,
                peer_asn = asn,
                id = "test",
                host,
                type = "UPDATE",
                path,
                announcements = announce.Length == 0 ? [] : new[] { new { next_hop = peer, prefixes = announce } },
                withdrawals = withdraw,
            },
        });

    [Fact]
    public async Task AnnouncementsAndWithdrawalsFromRisLiveMoveAnAsesVisibleSpace()
    {
        string[] messages =
        [
            .. File.ReadAllLines(SharedData.PathOf("live/ris-live-ris_message.bgpkit-tests.jsonl")),
            Update("rrc00", "192.0.2.1", "64496", 1700000000, ["100.64.0.0/16", "100.64.7.0/24", "100.65.0.0/24"], [], 64496, 64500),
            Update("rrc00", "192.0.2.1", "64496", 1700000060, [], ["100.65.0.0/24"]),

            // A repeat announcement: the peer's table stops changing, so it settles and joins the full-feed set.
            Update("rrc00", "192.0.2.1", "64496", 1700000060, ["100.64.7.0/24"], [], 64496, 64500),
        ];
        await using var server = await WebSocketReplayServer.StartAsync(messages);
        await using var silo = await SiloProcess.StartAsync(environment: Settings(server.Url));

        var status = await EventuallyAsync(silo, "/v1/asns/AS64500", s => s.GetProperty("signals").GetProperty("bgp").GetProperty("value").GetInt64() == 256);

        // 257 /24s before the withdrawal, 256 after; signals carry the event's own time.
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000060), status.GetProperty("updatedAt").GetDateTimeOffset());
        Assert.Contains("ris_subscribe", Assert.Single(server.Received), StringComparison.Ordinal);
        var feeds = await silo.Http.GetFromJsonAsync<JsonElement>("/v1/feeds");
        Assert.Equal("running", feeds.EnumerateArray().Single(f => f.GetProperty("name").GetString() == "rislive").GetProperty("state").GetString());
    }

    [Fact]
    public async Task ARisRibDumpIsLoadedBeforeFollowingRisLiveSoItsPeersHaveWholeTables()
    {
        var rib = SharedData.PathOf("mrt", "pyasn.rib.20140523.0600_firstMB.complete-records.mrt.gz");
        await using var server = await WebSocketReplayServer.StartAsync(
            [Update("rrc00", "192.0.2.1", "64496", 1700000000, ["100.64.0.0/16"], [], 64496, 64500)],
            new Dictionary<string, string> { ["/rrc00/latest-bview.gz"] = rib });
        var settings = Settings(server.Url, server.FileUrl("/rrc00/latest-bview.gz"));
        // The dump's peers carry about 9k prefixes each: they, not the one live peer, are full-feed.
        settings["Grid__Visibility__FullFeedIPv4Prefixes"] = "8000";
        await using var silo = await SiloProcess.StartAsync(environment: settings);

        await silo.WaitForOutputAsync(l => l.Contains("RIS RIB dump", StringComparison.Ordinal) && l.Contains("loaded", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        var google = await EventuallyAsync(silo, "/v1/asns/AS15169", s => s.GetProperty("signals").GetProperty("bgp").GetProperty("value").GetInt64() > 0);
        await EventuallyAsync(silo, "/v1/feeds", f => f.EnumerateArray().Any(x => x.GetProperty("state").GetString() == "running"));

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1400824800), google.GetProperty("updatedAt").GetDateTimeOffset());
        // The live peer has one prefix: not full-feed, so its route made nothing visible.
        using var live = await silo.Http.GetAsync("/v1/asns/AS64500");
        Assert.Equal(HttpStatusCode.NotFound, live.StatusCode);
    }

    [Fact]
    public async Task EveryCollectorLeavesRebuildingAfterTheRibSoASecondCollectorsRoutesAreCounted()
    {
        var rib = SharedData.PathOf("mrt", "pyasn.rib.20140523.0600_firstMB.complete-records.mrt.gz");
        // rrc00 has a RIB dump (its ingest loads a table and ends it); rrc01 has none: RIS Live
        // sends updates only, so nothing would ever end a table load for it. Each collector's
        // prefixes sit in their own /8 shard, so a shard held back by rrc01 shows on AS64501 alone.
        string[] messages =
        [
            Update("rrc00", "192.0.2.1", "64496", 1700000000, ["100.64.0.0/24", "100.64.1.0/24"], [], 64496, 64500),
            Update("rrc01", "192.0.2.2", "64497", 1700000010, ["198.18.0.0/24", "198.18.1.0/24", "198.18.2.0/24"], [], 64497, 64501),
            // Repeats: each live peer's table stops changing, so it settles and joins the full-feed set.
            Update("rrc00", "192.0.2.1", "64496", 1700000060, ["100.64.0.0/24"], [], 64496, 64500),
            Update("rrc01", "192.0.2.2", "64497", 1700000070, ["198.18.0.0/24"], [], 64497, 64501),
        ];
        await using var server = await WebSocketReplayServer.StartAsync(messages, new Dictionary<string, string> { ["/rrc00/latest-bview.gz"] = rib });
        var settings = Settings(server.Url, server.FileUrl("/rrc00/latest-bview.gz"));
        // One full-feed peer seeing a prefix is enough, so a prefix only rrc01's peer carries is visible.
        settings["Grid__Visibility__VisibleFraction"] = "0";
        // Far beyond the test's waits: only an ended table load, not the grace, may release the shards.
        settings["Grid__Visibility__LoadGrace"] = "00:30:00";
        await using var silo = await SiloProcess.StartAsync(environment: settings);

        await silo.WaitForOutputAsync(l => l.Contains("RIS RIB dump", StringComparison.Ordinal) && l.Contains("loaded", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        // Both collectors' routes reached the feed: 2 + 3 + 1 + 1 elements.
        await EventuallyAsync(silo, "/v1/feeds", f => f.EnumerateArray().Any(x => x.GetProperty("name").GetString() == RisLive && x.GetProperty("elements").GetInt64() == 7));
        // Each AS's /24s come from one collector only: a shard holding its reports back leaves that AS uncounted.
        await EventuallyAsync(silo, "/v1/asns/AS64500", s => s.GetProperty("signals").GetProperty("bgp").GetProperty("value").GetInt64() == 2);
        await EventuallyAsync(silo, "/v1/asns/AS64501", s => s.GetProperty("signals").GetProperty("bgp").GetProperty("value").GetInt64() == 3);
        // The bootstrap collector's table load ended too: the dump's routes are counted.
        await EventuallyAsync(silo, "/v1/asns/AS15169", s => s.GetProperty("signals").GetProperty("bgp").GetProperty("value").GetInt64() > 0);

        var feed = (await silo.Http.GetFromJsonAsync<JsonElement>("/v1/feeds")).EnumerateArray().Single(f => f.GetProperty("name").GetString() == RisLive);
        Assert.Equal("running", feed.GetProperty("state").GetString());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000070), feed.GetProperty("lastMessageAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task WithoutTheServerTheFeedIsOfflineAndRetriesWhileTheSiloStaysReady()
    {
        var closed = new Uri($"ws://127.0.0.1:{LoopbackPort.FindFree()}/v1/ws/");
        await using var silo = await SiloProcess.StartAsync(environment: Settings(closed));

        var feed = await EventuallyAsync(silo, "/v1/feeds", f => f.EnumerateArray().Any(x => x.GetProperty("state").GetString() == "offline"));
        using var ready = await silo.Http.GetAsync("/readyz");

        Assert.Contains("--mrt", feed[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        await silo.WaitForOutputAsync(l => l.Contains("unreachable", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
    }

    private static async Task<JsonElement> EventuallyAsync(SiloProcess silo, string path, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await silo.Http.GetAsync(path);
            last = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                var body = JsonDocument.Parse(last).RootElement;
                if (condition(body))
                {
                    return body;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{path} never met the condition; last answer: {last}\nSilo output:\n{string.Join('\n', silo.Output.TakeLast(30))}");
    }
}
