using CultureInfo = System.Globalization.CultureInfo;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Grid.Bgp.Model;
using Grid.Geography;
using Grid.Geography.Regions;
using Grid.Grains.Backtesting;
using Grid.Grains.Entities;
using Grid.Silo.Tests.Api;
using Grid.Testing.Data;

namespace Grid.Silo.Tests.Regions;

/// <summary>
/// DB-IP's City Lite, as the tests' silos load it (Grid:Geo:Regions), read once here too so that a
/// test picks its regions and their address space from the real data instead of naming them.
/// </summary>
internal static class RegionWorld
{
    private static readonly Lazy<RegionMap> Loaded = new(() => RegionMapLoader.Load(SharedData.RegionDatabaseDirectory, SubdivisionNames.Load()));

    public static RegionMap Map => Loaded.Value;

    /// <summary>The first <paramref name="count"/> regions of <paramref name="country"/> by code.</summary>
    public static IReadOnlyList<RegionInfo> RegionsOf(string country, int count)
    {
        var regions = Map.RegionsOf(CountryCode.Parse(country));
        Assert.True(regions.Count >= count, $"DB-IP has {regions.Count} regions in {country}, the test needs {count}");
        return [.. regions.Take(count)];
    }

    /// <summary>
    /// Up to <paramref name="perRegion"/> /24s of each of <paramref name="regions"/> (one country's),
    /// as DB-IP places them: the /16s whose first /24 lies in that country are searched /24 by /24.
    /// </summary>
    public static Dictionary<string, List<string>> Slash24sOf(IReadOnlyList<RegionInfo> regions, int perRegion)
    {
        var country = regions[0].Country;
        var wanted = regions.ToDictionary(r => r.Code, _ => new List<string>(), StringComparer.Ordinal);
        for (uint slash16 = 1 << 8; slash16 < 224 << 8 && wanted.Values.Any(l => l.Count < perRegion); slash16++)
        {
            if (Map.RegionOf(Prefix.IPv4(slash16 << 16, 24))?.Country != country)
            {
                continue;
            }

            for (uint third = 0; third < 256; third++)
            {
                var prefix = Prefix.IPv4((slash16 << 16) | (third << 8), 24);
                if (Map.RegionOf(prefix) is { } region && wanted.TryGetValue(region.Code, out var list) && list.Count < perRegion)
                {
                    list.Add(prefix.ToString());
                }
            }
        }

        Assert.All(wanted, w => Assert.True(w.Value.Count == perRegion, $"{w.Key}: only {w.Value.Count} /24s found"));
        return wanted;
    }

    /// <summary>A delegated-statistics line that places one /24 in <paramref name="country"/>, for a test-written Grid:Geo:Dir.</summary>
    public static string DelegatedLine(string country, string slash24) =>
        $"lab|{country}|ipv4|{slash24[..slash24.IndexOf('/', StringComparison.Ordinal)]}|256|20200101|allocated|lab";

    /// <summary>Points of one signal of <paramref name="entity"/> (<c>region/BY-…</c>), POSTed as an outside vantage point would.</summary>
    public static async Task PostAsync(HttpClient http, IEnumerable<(DateTimeOffset At, string Entity, string Signal, long Value)> points)
    {
        var list = points.ToList();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/signals")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", ApiSilo.IngestKey) },
            Content = JsonContent.Create(new
            {
                points = list.Select(p => new { time = p.At.ToString("O", CultureInfo.InvariantCulture), entity = p.Entity, signal = p.Signal, value = p.Value }),
            }),
        };
        using var response = await http.SendAsync(request);
        var body = await ApiSilo.JsonAsync(response);
        Assert.True(body.GetProperty("accepted").GetInt32() == list.Count, body.ToString());
    }

    /// <summary>The location <c>POST /v1/signals</c> and CODF give a region: <c>region/BY-…</c>.</summary>
    public static string Location(RegionInfo region) => SeriesEntity.Location(EntityKey.Parse(region.Code));
}
