using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Grid.Bgp.Model;
using Grid.Geography;
using Grid.Geography.Regions;
using Grid.Testing.Data;
using Grid.Testing.Processes;
using Grid.Testing.Silo;
using Xunit.Abstractions;

namespace Grid.Silo.Tests.Regions;

/// <summary>
/// Probe results POSTed for the addresses of one region (<c>POST /v1/probes/results</c>, no country
/// given: the silo's geography places them) reach that region by target address, and only it: its
/// answering blocks are its probe signal, their silence turns it critical, and another region of the
/// same country hears nothing.
/// </summary>
public sealed class RegionProbeTests(ITestOutputHelper output)
{
    private const int Blocks = 30;

    [Fact]
    public async Task ProbesOfOneRegionsAddressesDriveThatRegionAlone()
    {
        var belarus = CountryCode.Parse("BY");
        var geography = GeoDatabase.Load(SharedData.PathOf("rir"));
        var regions = RegionWorld.Map;
        var byRegion = geography.Split(Prefix.Parse("0.0.0.0/0"))
            .Where(b => b.Country == belarus)
            .SelectMany(b => Enumerable.Range(0, b.Prefix.Length >= 24 ? 1 : 1 << (24 - b.Prefix.Length)).Select(i => Prefix.IPv4((uint)(b.Prefix.Bits >> 96) + ((uint)i << 8), 24)))
            .GroupBy(p => regions.RegionOf(p))
            .Where(g => g.Key?.Country == belarus && g.Count() >= Blocks)
            .OrderBy(g => g.Key!.Code, StringComparer.Ordinal)
            .ToList();
        var (probed, quiet) = (byRegion[0], byRegion[1]);
        var targets = probed.Take(Blocks).Select(p => Prefix.IPv4((uint)(p.Bits >> 96) + 1, 32).Address.ToString()).ToList();
        output.WriteLine($"probing {Blocks} /24s of {probed.Key!.Code} ({probed.Key.Name}); {quiet.Key!.Code} gets nothing");

        var ingestKey = RandomNumberGenerator.GetHexString(32);
        await using var silo = await SiloProcess.StartAsync([], new Dictionary<string, string?>
        {
            ["Grid__Feeds__RisLive__Enabled"] = "false",
            ["Grid__Geo__Dir"] = SharedData.PathOf("rir"),
            ["Grid__Geo__Regions"] = SharedData.RegionDatabaseDirectory,
            ["Grid__Geo__Refresh__Enabled"] = "false",
            ["Grid__Probing__Interval"] = "00:00:02",
            ["Grid__Signals__Step"] = "00:00:02",
            ["Grid__Detection__Tick"] = "00:00:01",
            ["Grid__Detection__Signals__probes__WarmUp"] = "00:00:04",
            ["Grid__Detection__Signals__probes__MinDuration"] = "00:00:02",
            ["Grid__Detection__Signals__probes__Recovery"] = "00:00:02",
            ["Grid__Auth__Keys__0__Hash"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ingestKey))),
            ["Grid__Auth__Keys__0__Scopes__0"] = "ingest",
        });

        // Answering for a while: the region's probe signal is its answering blocks.
        await Poll.UntilAsync($"{probed.Key.Code} counts {Blocks} answering blocks", async () =>
        {
            await PostAsync(silo, ingestKey, targets, answered: true);
            return await ProbesOfAsync(silo, probed.Key.Code) == Blocks;
        }, TimeSpan.FromSeconds(60));
        for (var i = 0; i < 5; i++)
        {
            await PostAsync(silo, ingestKey, targets, answered: true);
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        // Then silence from every block.
        await Poll.UntilAsync($"{probed.Key.Code} turns critical", async () =>
        {
            await PostAsync(silo, ingestKey, targets, answered: false);
            var region = await silo.Http.GetFromJsonAsync<JsonElement>($"/v1/regions/{probed.Key.Code}");
            return region.GetProperty("level").GetString() == "critical";
        }, TimeSpan.FromSeconds(90));

        var events = await silo.Http.GetFromJsonAsync<JsonElement>("/v1/events?country=BY");
        var regionEvents = events.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("location").GetString()!.StartsWith("region/", StringComparison.Ordinal)).ToList();
        Assert.Equal([$"region/{probed.Key.Code}"], regionEvents.Select(e => e.GetProperty("location").GetString()).Distinct());
        Assert.Equal("probes", regionEvents[0].GetProperty("datasource").GetString());
        Assert.Null(await ProbesOfAsync(silo, quiet.Key.Code));
        var country = await silo.Http.GetFromJsonAsync<JsonElement>("/v1/countries/BY");
        Assert.Contains(country.GetProperty("regions").EnumerateArray(), r => r.GetProperty("code").GetString() == probed.Key.Code && r.GetProperty("level").GetString() == "critical");
    }

    private static async Task PostAsync(SiloProcess silo, string key, IEnumerable<string> targets, bool answered)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var body = new { results = targets.Select(address => new { address, timestamp = now, sent = 3, rttMs = answered ? new[] { 30.0, 31.0, 32.0 } : [] }) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/probes/results") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", key);
        using var response = await silo.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The region's probe signal now, or null while no probe bin has reached it (a bin always carries its loss).</summary>
    private static async Task<long?> ProbesOfAsync(SiloProcess silo, string code)
    {
        using var response = await silo.Http.GetAsync($"/v1/regions/{code}");
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        var probes = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("signals").GetProperty("probes");
        return probes.TryGetProperty("loss", out _) ? probes.GetProperty("value").GetInt64() : null;
    }
}
