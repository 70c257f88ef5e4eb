using System.Net;
using Grid.Bgp.Messages;
using Grid.Testing.Lab;

namespace Grid.Bgp.Tests.Lab;

/// <summary>
/// The pieces Grid's own speaker will use to peer with real daemons (issue 4), proven here with a
/// BIRD stand-in where Grid will be: any address, port and AS downstream of a relay, and country
/// shutdowns at the speaker reaching it as withdrawals.
/// </summary>
[Trait("needs", "bgp-daemons")]
public sealed class LivePeeringTests
{
    private static readonly CountryPrefixSet Set = CountryPrefixSet.Country(ipv4: 40, ipv6: 10, seed: 11);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    // Where Grid's listener will sit: not port 179, an AS of its own.
    private static readonly BgpNeighbor GridListener = new(IPAddress.Parse("127.0.0.100"), 65500) { Port = 1179 };

    public static TheoryData<BgpDaemon> Daemons => [BgpDaemon.Bird, BgpDaemon.GoBgp, BgpDaemon.Frr];

    [Theory]
    [MemberData(nameof(Daemons))]
    public async Task ARelayPassesTheCountrysShutdownAndRecoveryToAListenerOnAnyPort(BgpDaemon relayKind)
    {
        await using var lab = await BgpLab.CreateAsync();
        var relayAddress = IPAddress.Parse("127.0.0.2");
        var standIn = await lab.StartRouterAsync(BgpDaemon.Bird, new LabRouterOptions(
            GridListener.Address, GridListener.Asn, [new BgpNeighbor(relayAddress, BgpLab.DefaultAsn(relayKind)) { Passive = true }])
        {
            ListenPort = GridListener.Port,
        }, "stand-in for Grid");
        var relay = await lab.StartRelayAsync(relayKind, GridListener);
        var speaker = await lab.StartCountrySpeakerAsync(Set, relay);
        Assert.Equal(relayAddress, relay.Address);

        await standIn.WaitForSessionAsync(relay.Address, Step);
        await standIn.WaitForRoutesAsync(relay.Address, RouteCounts.Of(Set), Step);
        await speaker.WithdrawAsync(RouteFamilies.IPv4);
        await standIn.WaitForRoutesAsync(relay.Address, new RouteCounts(0, Set.IPv6Count), Step);
        await speaker.WithdrawAsync(RouteFamilies.IPv6);
        await standIn.WaitForRoutesAsync(relay.Address, new RouteCounts(0, 0), Step);
        await speaker.AnnounceAsync();
        await standIn.WaitForRoutesAsync(relay.Address, RouteCounts.Of(Set), Step);
    }

    [Theory]
    [MemberData(nameof(Daemons))]
    public async Task ARouterSendsNothingToANeighborItMustNotExportTo(BgpDaemon kind)
    {
        await using var lab = await BgpLab.CreateAsync();
        var routerAddress = IPAddress.Parse("127.0.0.2");
        var listening = new BgpNeighbor(routerAddress, BgpLab.DefaultAsn(kind)) { Passive = true };
        var fed = await lab.StartRouterAsync(BgpDaemon.Bird, new LabRouterOptions(IPAddress.Parse("127.0.0.101"), 65501, [listening]), "fed");
        var starved = await lab.StartRouterAsync(BgpDaemon.Bird, new LabRouterOptions(IPAddress.Parse("127.0.0.102"), 65502, [listening]), "starved");
        var router = await lab.StartRouterAsync(kind, new LabRouterOptions(lab.NextAddress(), BgpLab.DefaultAsn(kind),
        [
            new BgpNeighbor(BgpLab.SpeakerAddress, BgpLab.SpeakerAsn) { Passive = true },
            new BgpNeighbor(fed.Address, fed.Asn) { Export = true },
            new BgpNeighbor(starved.Address, starved.Asn) { Export = false },
        ]));
        await lab.StartCountrySpeakerAsync(Set, router);

        await fed.WaitForRoutesAsync(router.Address, RouteCounts.Of(Set), Step);
        await starved.WaitForSessionAsync(router.Address, Step);

        Assert.Equal(routerAddress, router.Address);
        Assert.Equal(new RouteCounts(0, 0), await starved.RoutesFromAsync(router.Address));
    }

    [Theory]
    [MemberData(nameof(Daemons))]
    public async Task ASocketInTheLabNamespaceReceivesTheDaemonsOpen(BgpDaemon kind)
    {
        await using var lab = await BgpLab.CreateAsync();
        using var listener = lab.Namespace.ListenTcp(new IPEndPoint(GridListener.Address, GridListener.Port));
        var daemon = await lab.StartRelayAsync(kind, GridListener);

        using var deadline = new CancellationTokenSource(Step);
        using var session = await listener.AcceptAsync(deadline.Token);
        var open = await BgpOpenReader.ReadAsync(session, deadline.Token);

        Assert.Equal(daemon.Asn, open.MyAs);
        Assert.Equal(daemon.Address, open.BgpIdentifierAddress.ToIPAddress());
        // FRR, BIRD and GoBGP all advertise 4-octet AS (RFC 6793) and IPv4 unicast, so a session with them negotiates both.
        Assert.Equal(daemon.Asn, open.View.FourOctetAs);
        var negotiated = BgpSessionNegotiation.Negotiate(
            new BgpOpen(GridListener.Asn, 90, 0xC000_0201, [BgpCapability.Multiprotocol(BgpFamily.IPv4Unicast), BgpCapability.FourOctetAs(GridListener.Asn)]),
            open, expectedPeerAs: daemon.Asn);
        Assert.True(negotiated.FourOctetAs);
        Assert.Contains(BgpFamily.IPv4Unicast, negotiated.Families);
    }

    [Theory]
    [MemberData(nameof(Daemons))]
    public async Task ASocketInTheLabNamespaceCanConnectToAPassiveDaemon(BgpDaemon kind)
    {
        await using var lab = await BgpLab.CreateAsync();
        var daemon = await lab.StartRouterAsync(kind, new LabRouterOptions(
            lab.NextAddress(), BgpLab.DefaultAsn(kind), [GridListener with { Passive = true, Export = true }]));

        using var deadline = new CancellationTokenSource(Step);
        using var session = await lab.Namespace.ConnectTcpAsync(GridListener.Address, new IPEndPoint(daemon.Address, 179), deadline.Token);
        var open = await BgpOpenReader.ReadAsync(session, deadline.Token);

        Assert.Equal(daemon.Asn, open.MyAs);
    }
}
