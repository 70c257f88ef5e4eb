using System.Net.Http.Json;
using System.Text.Json;
using Grid.Geography;
using Grid.Silo.Tests.Oracle;
using Grid.Testing.Data;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests;

/// <summary>
/// A real RouteViews RIB (2014, IPv4) and a real IPv6 RIB (2015) replayed through the silo with the
/// real RIR data; the silo's counts must equal what bgpdump's output and a brute-force count give.
/// </summary>
public sealed class MrtReplayTests
{
    // The files hold the first megabyte of each RIB: tens of peers with about 9k IPv4 or 4k IPv6
    // prefixes each, so the full-feed thresholds are scaled down to pick the fuller tables.
    private const int FullFeedIPv4 = 8000;
    private const int FullFeedIPv6 = 3000;

    private static readonly string Rib4 = SharedData.PathOf("mrt", "pyasn.rib.20140523.0600_firstMB.complete-records.mrt.gz");
    private static readonly string Rib6 = SharedData.PathOf("mrt", "pyasn.rib6.20151101.0600_firstMB.complete-records.mrt.gz");

    [Fact]
    public async Task ReplayedRibsGiveTheSameCountsAsAnIndependentCountFromBgpdump()
    {
        var oracleTask = BgpdumpRib.ReadAsync(Rib4, Rib6);
        await using var silo = await SiloProcess.StartAsync(
            ["--mrt", Rib4, Rib6],
            new Dictionary<string, string?>
            {
                ["Grid__Logging__Format"] = "json",
                ["Grid__Geo__Dir"] = SharedData.PathOf("rir"),
                ["Grid__Feeds__RisLive__Enabled"] = "false",
                ["Grid__Visibility__FullFeedIPv4Prefixes"] = FullFeedIPv4.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Grid__Visibility__FullFeedIPv6Prefixes"] = FullFeedIPv6.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        await silo.WaitForOutputAsync(l => l.Contains("MRT replay finished", StringComparison.Ordinal), TimeSpan.FromMinutes(3));

        var oracle = await oracleTask;
        var feeds = await silo.Http.GetFromJsonAsync<JsonElement>("/v1/feeds");
        var mrt = feeds.EnumerateArray().Single(f => f.GetProperty("name").GetString() == "mrt");
        Assert.Equal("finished", mrt.GetProperty("state").GetString());
        Assert.Equal(oracle.Entries, mrt.GetProperty("elements").GetInt64());

        var visible = oracle.Visible(FullFeedIPv4, FullFeedIPv6);
        var geography = GeoDatabase.Load(SharedData.PathOf("rir"));
        var byCountry = BlockCount.Slash24sByCountry(visible.Keys, geography);
        Assert.True(visible.Count > 1000, $"the oracle found only {visible.Count} visible prefixes: the test data or thresholds are off");

        foreach (var (country, expected) in byCountry.OrderByDescending(c => c.Value).Take(6))
        {
            Assert.Equal((country.ToString(), expected), (country.ToString(), await SignalAsync(silo, $"/v1/countries/{country}", "bgp")));
        }

        var topCountry = byCountry.MaxBy(c => c.Value).Key;
        var drillDown = await silo.Http.GetFromJsonAsync<JsonElement>($"/v1/countries/{topCountry}/asns?limit=5");
        Assert.InRange(drillDown.GetArrayLength(), 1, 5);
        Assert.All(drillDown.EnumerateArray(), a => Assert.StartsWith("AS", a.GetProperty("code").GetString(), StringComparison.Ordinal));

        var singleOrigin = visible.Where(v => v.Value != 0).GroupBy(v => v.Value).ToList();
        foreach (var asn in singleOrigin.OrderByDescending(g => g.Count()).Take(4).Concat(singleOrigin.Where(g => g.Any(p => !p.Key.IsIPv4)).Take(3)))
        {
            var prefixes = asn.Select(p => p.Key).ToList();
            Assert.Equal((asn.Key, BlockCount.Blocks(prefixes, ipv4: true)), (asn.Key, await SignalAsync(silo, $"/v1/asns/AS{asn.Key}", "bgp")));
            Assert.Equal((asn.Key, BlockCount.Blocks(prefixes, ipv4: false)), (asn.Key, await SignalAsync(silo, $"/v1/asns/AS{asn.Key}", "bgp6")));
        }
    }

    private static async Task<long> SignalAsync(SiloProcess silo, string path, string signal)
    {
        var status = await silo.Http.GetFromJsonAsync<JsonElement>(path);
        return status.GetProperty("signals").GetProperty(signal).GetProperty("value").GetInt64();
    }
}
