using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grid.Testing.Lab;
using Grid.Testing.Silo;

namespace Grid.Silo.Tests.Bgp;

/// <summary>
/// Grid's speaker, in a real silo process, peered with real BIRD, GoBGP and FRR. The pretend
/// country's BIRD speaker announces 500 IPv4 and 100 IPv6 prefixes through each daemon to Grid;
/// a shutdown at the speaker (real WITHDRAWs) must take the country to 0, recovery must restore
/// it, and losing the session must withdraw everything the daemon had sent.
/// </summary>
[Trait("needs", "bgp-daemons")]
public sealed class BgpSessionTests
{
    private static readonly CountryPrefixSet Set = CountryPrefixSet.Country(ipv4: 500, ipv6: 100, seed: 4);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(45);

    public static TheoryData<BgpDaemon> Daemons => [BgpDaemon.Bird, BgpDaemon.GoBgp, BgpDaemon.Frr];

    [Theory]
    [MemberData(nameof(Daemons))]
    public async Task AShutdownAtTheCountryTakesItsBgpSignalToZeroAndRecoveryRestoresIt(BgpDaemon kind)
    {
        await using var lab = await BgpLab.CreateAsync();
        var relayAddress = IPAddress.Parse("127.0.0.2");
        await using var grid = await LabSilo.StartAsync(lab, [new LabSiloPeer(relayAddress, BgpLab.DefaultAsn(kind))]);
        var relay = await lab.StartRelayAsync(kind, LabSilo.Neighbor);
        Assert.Equal(relayAddress, relay.Address);
        var speaker = await lab.StartCountrySpeakerAsync(Set, relay);
        var expected = LabSilo.Expected(Set);
        Assert.True(expected.Bgp >= 500 && expected.Bgp6 >= 100, $"the set covers {expected}");

        await grid.WaitForCountryAsync(expected, Step);
        // The table size is published once the shards have answered, just after the country changed.
        var peer = await grid.WaitForPeerAsync(relayAddress, p => p.GetProperty("prefixes").GetProperty("ipv4").GetInt64() == 500, "500 IPv4 prefixes", Step);
        Assert.Equal("Established", peer.GetProperty("state").GetString());
        Assert.Equal(100, peer.GetProperty("prefixes").GetProperty("ipv6").GetInt64());
        // Every announcement counts; FRR re-advertises the whole set once more within seconds of the
        // first (implicit replacement, RFC 4271 §3.1), so a later look may see each route twice.
        var announced = peer.GetProperty("prefixesAnnounced").GetInt64();
        Assert.True(announced is 600 or 1200, $"{announced} announcements, not one or two rounds of 600");
        Assert.True(peer.GetProperty("negotiated").GetProperty("fourOctetAs").GetBoolean());

        await speaker.WithdrawAsync(RouteFamilies.IPv4);
        await grid.WaitForCountryAsync((0, expected.Bgp6), Step);
        await speaker.WithdrawAsync(RouteFamilies.IPv6);
        await grid.WaitForCountryAsync((0, 0), Step);

        await speaker.AnnounceAsync();
        await grid.WaitForCountryAsync(expected, Step);
        Assert.Equal("Established", (await grid.PeerAsync(relayAddress)).GetProperty("state").GetString());
    }

    [Theory]
    [MemberData(nameof(Daemons))]
    public async Task LosingTheSessionWithdrawsEveryRouteOfThatPeer(BgpDaemon kind)
    {
        await using var lab = await BgpLab.CreateAsync();
        var relayAddress = IPAddress.Parse("127.0.0.2");
        await using var grid = await LabSilo.StartAsync(lab, [new LabSiloPeer(relayAddress, BgpLab.DefaultAsn(kind))]);
        var relay = await lab.StartRelayAsync(kind, LabSilo.Neighbor);
        await lab.StartCountrySpeakerAsync(Set, relay);
        await grid.WaitForCountryAsync(LabSilo.Expected(Set), Step);

        // The relay dies: its TCP connection closes, and the routes it gave must go with it (RFC 4271 §9.1.1).
        await relay.Process!.DisposeAsync();
        await grid.WaitForCountryAsync((0, 0), Step);
        var peer = await grid.WaitForPeerAsync(relayAddress, p => p.GetProperty("prefixes").GetProperty("ipv4").GetInt64() == 0, "no prefixes", Step);
        Assert.NotEqual("Established", peer.GetProperty("state").GetString());
        Assert.False(string.IsNullOrEmpty(peer.GetProperty("lastError").GetString()));
    }

    [Fact]
    public async Task RoutesWithAddPathIdentifiersCountAndWithdrawLikeAnyOther()
    {
        await using var lab = await BgpLab.CreateAsync();
        var relayAddress = IPAddress.Parse("127.0.0.2");
        await using var grid = await LabSilo.StartAsync(lab, [new LabSiloPeer(relayAddress, BgpLab.DefaultAsn(BgpDaemon.Bird))]);
        var relay = await lab.StartRelayAsync(BgpDaemon.Bird, LabSilo.Neighbor with { AddPaths = true });
        var speaker = await lab.StartCountrySpeakerAsync(Set, relay);

        await grid.WaitForCountryAsync(LabSilo.Expected(Set), Step);
        var negotiated = (await grid.PeerAsync(relayAddress)).GetProperty("negotiated");
        Assert.Equal(["IPv4/Unicast", "IPv6/Unicast"], negotiated.GetProperty("addPathReceive").EnumerateArray().Select(f => f.GetString()).Order());
        await speaker.WithdrawAsync();
        await grid.WaitForCountryAsync((0, 0), Step);
    }

    [Fact]
    public async Task GridConnectsToAPassiveNeighborAndCountsItsRoutes()
    {
        await using var lab = await BgpLab.CreateAsync();
        var router = await lab.StartRouterAsync(BgpDaemon.Bird, new LabRouterOptions(lab.NextAddress(), 65100,
        [
            new BgpNeighbor(BgpLab.SpeakerAddress, BgpLab.SpeakerAsn) { Passive = true },
            LabSilo.Neighbor with { Passive = true, Export = true },
        ]), "passive relay");
        await using var grid = await LabSilo.StartAsync(lab, [new LabSiloPeer(router.Address, router.Asn) { Passive = false }]);
        await lab.StartCountrySpeakerAsync(Set, router);

        await grid.WaitForCountryAsync(LabSilo.Expected(Set), Step);
        Assert.Equal("Established", (await grid.PeerAsync(router.Address)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task AnUnconfiguredNeighborIsRefusedAndNothingItSendsCounts()
    {
        await using var lab = await BgpLab.CreateAsync();
        // Grid knows only 127.0.0.9; the relay at 127.0.0.2 connects anyway.
        await using var grid = await LabSilo.StartAsync(lab, [new LabSiloPeer(IPAddress.Parse("127.0.0.9"), 65009)]);
        var relay = await lab.StartRelayAsync(BgpDaemon.Bird, LabSilo.Neighbor);
        await lab.StartCountrySpeakerAsync(Set, relay);
        await relay.WaitForRoutesAsync(BgpLab.SpeakerAddress, RouteCounts.Of(Set), Step);

        var refusal = await grid.Process.WaitForOutputAsync(line => line.Contains("refused a connection from 127.0.0.2", StringComparison.Ordinal), Step);
        Assert.Contains("not a configured neighbor", refusal, StringComparison.Ordinal);
        var state = await relay.SessionStateAsync(LabSilo.Address);
        Assert.False(state.Holds, $"the relay's session with Grid must not come up; it is {state.Seen}");
        Assert.Equal((0, 0), await grid.CountryAsync());
        var peers = await grid.Process.Http.GetFromJsonAsync<JsonElement>("/v1/peers");
        Assert.Equal("127.0.0.9", Assert.Single(peers.EnumerateArray()).GetProperty("address").GetString());
    }
}
