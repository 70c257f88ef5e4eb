using System.Globalization;
using System.Net;
using Grid.Testing.Lab;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Bgp;

/// <summary>
/// Real GoBGP and FRR report the pretend country's routes over BMP to a real silo: the country's
/// signal follows the shutdown and the recovery, a Peer Down withdraws the peer's routes, and a
/// router that goes away takes the routes it reported with it.
/// </summary>
[Trait("needs", "bgp-daemons")]
public sealed class BmpStationTests
{
    private const int StationPort = 11019;
    private static readonly CountryPrefixSet Set = CountryPrefixSet.Country(ipv4: 500, ipv6: 100, seed: 6);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(60);

    public static TheoryData<BgpDaemon> Routers => [BgpDaemon.GoBgp, BgpDaemon.Frr];

    [Theory]
    [MemberData(nameof(Routers))]
    public async Task TheCountryFollowsWhatARouterReportsOverBmp(BgpDaemon kind)
    {
        await using var lab = await BgpLab.CreateAsync();
        await using var grid = await LabSilo.StartAsync(lab, [], new Dictionary<string, string?>
        {
            ["Grid__Bmp__Listen"] = $"{LabSilo.Address}:{StationPort.ToString(CultureInfo.InvariantCulture)}",
            ["Grid__Bmp__FullFeed"] = "true",
        });
        var router = await lab.StartRouterAsync(kind, new LabRouterOptions(lab.NextAddress(), BgpLab.DefaultAsn(kind),
            [new BgpNeighbor(BgpLab.SpeakerAddress, BgpLab.SpeakerAsn) { Passive = true }])
        {
            BmpStation = new BmpStation(new IPEndPoint(LabSilo.Address, StationPort)),
        }, "monitored router");
        var speaker = await lab.StartCountrySpeakerAsync(Set, router);
        var expected = LabSilo.Expected(Set);

        await grid.WaitForCountryAsync(expected, Step);
        var peer = await grid.WaitForPeerAsync(BgpLab.SpeakerAddress, p => p.GetProperty("prefixes").GetProperty("ipv4").GetInt64() == 500, "500 IPv4 prefixes", Step);
        // The source is the router's connection address; lab daemons open it from the namespace's default, 127.0.0.1.
        Assert.StartsWith("bmp:127.0.0.", peer.GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Equal("Up", peer.GetProperty("state").GetString());
        Assert.Equal(BgpLab.SpeakerAsn, peer.GetProperty("as").GetUInt32());

        await speaker.WithdrawAsync();
        await grid.WaitForCountryAsync((0, 0), Step);
        await speaker.AnnounceAsync();
        await grid.WaitForCountryAsync(expected, Step);

        // The speaker's session with the router ends: the router reports a Peer Down, with no withdrawals.
        await speaker.BirdcAsync("disable", speaker.ProtocolFor(router.Address));
        await grid.WaitForCountryAsync((0, 0), Step);
        Assert.Equal("Down", (await grid.PeerAsync(BgpLab.SpeakerAddress)).GetProperty("state").GetString());
        await speaker.BirdcAsync("enable", speaker.ProtocolFor(router.Address));
        await grid.WaitForCountryAsync(expected, Step);

        // The router itself goes away: what it reported can no longer be trusted.
        await router.Process!.DisposeAsync();
        await grid.WaitForCountryAsync((0, 0), Step);
    }
}
