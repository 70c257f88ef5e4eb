using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grid.Bgp.Model;
using Grid.Geography;
using Grid.Geography.Regions;
using Grid.Testing.Data;
using Grid.Testing.Lab;
using Grid.Testing.Processes;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Regions;

/// <summary>
/// Belarus's real address space through a real BGP session: BIRD originates the RIRs' BY blocks, as
/// /24s, with AS6697, a BIRD relay passes them to Grid, and the silo counts them with the real RIR
/// geography and DB-IP's City Lite. Judged on one-second steps, so the lab's seconds make an outage.
/// </summary>
public sealed class BelarusRegionLab : IAsyncLifetime
{
    public const uint Beltelecom = 6697;
    public static readonly CountryCode Belarus = CountryCode.Parse("BY");
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(90);

    private BgpLab? _lab;
    private LabSilo? _grid;
    private CountrySpeaker? _speaker;

    /// <summary>Every Belarusian /24 of the RIRs' files.</summary>
    public IReadOnlyList<Prefix> Slash24s { get; private set; } = [];

    /// <summary>The same region data the silo loads, for choosing a region to cut.</summary>
    public RegionMap Regions { get; private set; } = null!;

    public LabSilo Grid => _grid!;

    /// <summary>The /24s the speaker originates now.</summary>
    public IReadOnlyList<Prefix> Announced { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var geography = GeoDatabase.Load(SharedData.PathOf("rir"));
        Regions = RegionWorld.Map;
        Slash24s = [.. geography.Split(Prefix.Parse("0.0.0.0/0")).Where(b => b.Country == Belarus).SelectMany(b => Slash24sOf(b.Prefix))];
        _lab = await BgpLab.CreateAsync();
        var relayAddress = IPAddress.Parse("127.0.0.2");
        _grid = await LabSilo.StartAsync(_lab, [new LabSiloPeer(relayAddress, BgpLab.DefaultAsn(BgpDaemon.Bird))], Settings());
        var relay = await _lab.StartRelayAsync(BgpDaemon.Bird, LabSilo.Neighbor);
        _speaker = await _lab.StartCountrySpeakerAsync(CountryPrefixSet.Originated(Slash24s, Beltelecom, "Belarus as /24s"), relay);
        Announced = Slash24s;
        await Grid.WaitForCountryAsync((Slash24s.Count, 0), Step);
    }

    /// <summary>Originates <paramref name="slash24s"/> instead (BIRD sends the difference as real WITHDRAWs) and waits until Belarus counts them.</summary>
    public async Task AnnounceOnlyAsync(IReadOnlyList<Prefix> slash24s)
    {
        await _speaker!.ReplaceRoutesAsync(CountryPrefixSet.Originated(slash24s, Beltelecom, $"Belarus, {slash24s.Count} /24s"));
        Announced = slash24s;
        await Grid.WaitForCountryAsync((slash24s.Count, 0), Step);
    }

    /// <summary>Every region of Belarus the silo lists, with its visible /24s.</summary>
    public async Task<Dictionary<string, (string Name, long Bgp, string Level)>> RegionsNowAsync()
    {
        var page = await Grid.Process.Http.GetFromJsonAsync<JsonElement>("/v1/regions?country=BY&limit=1000");
        return page.EnumerateArray().ToDictionary(
            r => r.GetProperty("code").GetString()!,
            r => (r.GetProperty("name").GetString()!, r.GetProperty("signals").GetProperty("bgp").GetProperty("value").GetInt64(), r.GetProperty("level").GetString()!));
    }

    /// <summary>Polls until <paramref name="holds"/> is true of Belarus's regions; returns them.</summary>
    public async Task<Dictionary<string, (string Name, long Bgp, string Level)>> WaitForRegionsAsync(string what, Func<Dictionary<string, (string Name, long Bgp, string Level)>, bool> holds)
    {
        Dictionary<string, (string Name, long Bgp, string Level)> seen = [];
        await Poll.UntilAsync(what, async () => holds(seen = await RegionsNowAsync()), Step);
        return seen;
    }

    public async Task DisposeAsync()
    {
        if (_grid is not null)
        {
            await _grid.DisposeAsync();
        }

        if (_lab is not null)
        {
            await _lab.DisposeAsync();
        }
    }

    private static IEnumerable<Prefix> Slash24sOf(Prefix block)
    {
        var first = (uint)(block.Bits >> 96);
        var count = block.Length >= 24 ? 1u : 1u << (24 - block.Length);
        for (var i = 0u; i < count; i++)
        {
            yield return Prefix.IPv4(first + (i << 8), 24);
        }
    }

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Grid__Geo__Dir"] = SharedData.PathOf("rir"),
        ["Grid__Geo__Regions"] = SharedData.RegionDatabaseDirectory,
        ["Grid__Geo__Refresh__Enabled"] = "false",
        ["Grid__Signals__Step"] = "00:00:01",
        ["Grid__Visibility__FullFeedIPv4Prefixes"] = "100",
        ["Grid__Visibility__FullFeedIPv6Prefixes"] = "50",
        ["Grid__Detection__Tick"] = "00:00:01",
        ["Grid__Detection__Signals__bgp__WarmUp"] = "00:00:02",
        ["Grid__Detection__Signals__bgp__MinDuration"] = "00:00:01",
        ["Grid__Detection__Signals__bgp__Recovery"] = "00:00:01",
    };
}
