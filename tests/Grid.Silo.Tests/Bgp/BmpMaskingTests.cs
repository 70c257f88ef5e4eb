using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grid.Testing.Bmp;
using Grid.Testing.Lab;
using Grid.Testing.Processes;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Bgp;

/// <summary>
/// The masking attack on the BMP station, run for real: a lab speaker announces the pretend
/// country through GoBGP, which reports it over BMP; then a host that is not in Grid:Bmp:Routers
/// connects and reports three fake peers carrying the same prefixes while the speaker withdraws
/// them. Accepted, the fakes would keep the prefixes visible (3 of 4 full-feed peers); refused,
/// the country turns critical and stays so.
/// </summary>
[Trait("needs", "bgp-daemons")]
public sealed class BmpMaskingTests
{
    private const int StationPort = 11019;
    private static readonly IPAddress Attacker = IPAddress.Parse("127.0.0.250");
    private static readonly CountryPrefixSet Set = CountryPrefixSet.Country(ipv4: 300, ipv6: 0, seed: 21);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AnUnlistedHostReportingFakePeersCannotMaskAShutdown()
    {
        await using var lab = await BgpLab.CreateAsync();
        var routerAddress = lab.NextAddress();
        var station = new IPEndPoint(LabSilo.Address, StationPort);
        var settings = new Dictionary<string, string?>
        {
            ["Grid__Bmp__Listen"] = station.ToString(),
            // Lab daemons connect from the namespace's default source, 127.0.0.1, or their own address.
            ["Grid__Bmp__Routers__0"] = "127.0.0.1",
            ["Grid__Bmp__Routers__1"] = routerAddress.ToString(),
            ["Grid__Bmp__FullFeed"] = "true",
            ["Grid__Visibility__LoadQuiet"] = "00:00:02",
            ["Grid__Signals__Step"] = "00:00:02",
            ["Grid__Detection__Tick"] = "00:00:01",
            ["Grid__Detection__Signals__bgp__History"] = "00:05:00",
            ["Grid__Detection__Signals__bgp__WarmUp"] = "00:00:10",
            ["Grid__Detection__Signals__bgp__MinDuration"] = "00:00:04",
            ["Grid__Detection__Signals__bgp__Recovery"] = "00:00:30",
        };
        await using var grid = await LabSilo.StartAsync(lab, [], settings);
        var router = await lab.StartRouterAsync(BgpDaemon.GoBgp, new LabRouterOptions(routerAddress, BgpLab.DefaultAsn(BgpDaemon.GoBgp),
            [new BgpNeighbor(BgpLab.SpeakerAddress, BgpLab.SpeakerAsn) { Passive = true }])
        {
            BmpStation = new BmpStation(station),
        }, "monitored router");
        var speaker = await lab.StartCountrySpeakerAsync(Set, router);
        var expected = LabSilo.Expected(Set);
        await grid.WaitForCountryAsync(expected, Step);
        await Poll.UntilAsync($"{LabSilo.Country} is normal on its baseline", async () => await LevelAsync(grid) == "normal", Step);

        // The attacker connects from an address that is not listed and reports three fake full-feed peers.
        await using var attacker = await ScriptedBmpRouter.ConnectAsync(lab.Namespace, Attacker, station);
        var prefixes = Set.Prefixes.ToList();
        try
        {
            await attacker.InitiateAsync("fake collector");
            for (uint fake = 1; fake <= 3; fake++)
            {
                var peer = new IPAddress([198, 51, 100, (byte)fake]);
                await attacker.PeerUpAsync(peer, 64_600 + fake);
                await attacker.AnnounceAsync(peer, 64_600 + fake, prefixes, origin: 64_500);
            }
        }
        catch (System.Net.Sockets.SocketException)
        {
            // Cut off while reporting: the station closed the connection.
        }
        Assert.True(await attacker.ClosedWithinAsync(TimeSpan.FromSeconds(1)), "the unlisted host was still connected 1 s after it reported its fake peers");

        // The real feed withdraws everything: the country goes critical, and stays so.
        await speaker.WithdrawAsync();
        await grid.WaitForCountryAsync((0, 0), Step);
        await Poll.UntilAsync($"{LabSilo.Country} is critical", async () => await LevelAsync(grid) == "critical", Step);
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Equal("critical", await LevelAsync(grid));
        Assert.Equal((0, 0), await grid.CountryAsync());
        var sources = (await grid.Process.Http.GetFromJsonAsync<JsonElement>("/v1/peers")).EnumerateArray().Select(p => p.GetProperty("source").GetString()).ToList();
        Assert.DoesNotContain($"bmp:{Attacker}", sources);
        Assert.Contains(grid.Process.Output, line => line.Contains($"BMP refused a connection from {Attacker}", StringComparison.Ordinal));
    }

    private static async Task<string?> LevelAsync(LabSilo grid) =>
        (await grid.Process.Http.GetFromJsonAsync<JsonElement>($"/v1/countries/{LabSilo.Country}")).GetProperty("level").GetString();
}
