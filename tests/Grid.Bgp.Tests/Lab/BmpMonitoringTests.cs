using System.Net;
using Grid.Bgp.Bmp.Model;
using Grid.Bgp.Messages;
using Grid.Bgp.Model;
using Grid.Testing.Lab;

namespace Grid.Bgp.Tests.Lab;

/// <summary>
/// Real routers report the pretend country's routes over BMP (RFC 7854) to a socket in the lab,
/// and Grid's reader rebuilds the speaker's table from them: all 600 prefixes with their origins,
/// their withdrawal at a shutdown, their return, and the Peer Down when the session drops.
/// </summary>
[Trait("needs", "bgp-daemons")]
public sealed class BmpMonitoringTests
{
    private static readonly CountryPrefixSet Set = CountryPrefixSet.Country(ipv4: 500, ipv6: 100);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(60);
    private static readonly IPEndPoint Station = new(IPAddress.Parse("127.0.0.200"), 11019);

    public static TheoryData<BgpDaemon, BmpMonitoring> Routers => new()
    {
        { BgpDaemon.GoBgp, BmpMonitoring.PrePolicy },
        { BgpDaemon.GoBgp, BmpMonitoring.All },
        { BgpDaemon.Frr, BmpMonitoring.PrePolicy },
        { BgpDaemon.Frr, BmpMonitoring.All },
    };

    [Theory]
    [MemberData(nameof(Routers))]
    public async Task TheSpeakersTableFollowsTheCountrysShutdownAndRecovery(BgpDaemon kind, BmpMonitoring monitoring)
    {
        await using var lab = await BgpLab.CreateAsync();
        using var listener = lab.Namespace.ListenTcp(Station);
        var router = await lab.StartRouterAsync(kind, new LabRouterOptions(lab.NextAddress(), BgpLab.DefaultAsn(kind),
            [new BgpNeighbor(BgpLab.SpeakerAddress, BgpLab.SpeakerAsn) { Passive = true }])
        {
            BmpStation = new BmpStation(Station, monitoring) { StatisticsInterval = TimeSpan.FromSeconds(1) },
        }, "monitored router");
        using var accept = new CancellationTokenSource(Step);
        await using var station = new BmpRecording(await listener.AcceptAsync(accept.Token));
        var speaker = await lab.StartCountrySpeakerAsync(Set, router);
        var expected = Set.Routes.ToDictionary(route => route.Prefix, route => route.Origin);
        var peer = BgpLab.SpeakerAddress;

        await HoldsAsync(router, station, "the pre-policy table holds the country's 600 routes with their origins",
            () => Compare(station.Table(peer), expected));
        var elements = station.Table(peer).Values.ToList();
        Assert.All(elements, element => Assert.Equal(BgpLab.SpeakerAsn, element.PeerAsn));
        Assert.All(elements, element => Assert.True(element.Timestamp > DateTimeOffset.UtcNow.AddMinutes(-5), $"{element.Timestamp} is not recent"));

        var up = Assert.Single(station.Messages.OfType<BmpPeerUp>(), up => up.Peer.Address.Equals(peer) && up.Peer.Rib == BmpRib.AdjRibInPrePolicy);
        Assert.Equal(BgpLab.SpeakerAsn, up.ReceivedOpen.MyAs);
        Assert.Equal(router.Asn, up.SentOpen.MyAs);
        Assert.Equal(router.Address, up.LocalAddress);
        Assert.NotNull(up.Session);
        Assert.True(up.Session.FourOctetAs);
        Assert.Contains(BgpFamily.IPv6Unicast, up.Session.Families);
        Assert.IsType<BmpInitiation>(station.Messages[0]);
        if (monitoring == BmpMonitoring.All)
        {
            await HoldsAsync(router, station, "the post-policy table holds them too", () => Compare(station.Table(peer, BmpRib.AdjRibInPostPolicy), expected));
        }
        if (monitoring == BmpMonitoring.All && kind == BgpDaemon.GoBgp)
        {
            // GoBGP's "all" adds its Loc-RIB (RFC 9069, peer type 3, address 0.0.0.0): the speaker's routes are its best ones.
            await HoldsAsync(router, station, "the Loc-RIB holds them too", () => Compare(station.Table(IPAddress.Any, BmpRib.LocRib), expected));
        }

        station.ForgetWithdrawals();
        await speaker.WithdrawAsync();
        await HoldsAsync(router, station, "all 600 prefixes are withdrawn", () =>
        {
            var withdrawn = station.Withdrawn(peer);
            var table = station.Table(peer);
            return new Observation(withdrawn.SetEquals(expected.Keys) && table.Count == 0, $"{withdrawn.Count} withdrawn, {table.Count} left");
        });

        await speaker.AnnounceAsync();
        await HoldsAsync(router, station, "the re-announcement restores all 600 routes", () => Compare(station.Table(peer), expected));

        // FRR sends statistics every configured second, GoBGP every 15 s at the most. FRR 8.4 sends only
        // 32-bit counters (all 0 here); GoBGP also the Adj-RIB-In and Loc-RIB gauges (RFC 7854 §4.8 types 7, 8).
        await HoldsAsync(router, station, "a Statistics Report about the speaker arrives", () =>
        {
            var report = station.Messages.OfType<BmpStatisticsReport>().LastOrDefault(report => report.Peer.Address.Equals(peer));
            var holds = report is not null && (kind == BgpDaemon.Frr
                ? report.ValueOf(BmpStatisticType.RejectedPrefixes) == 0
                : report.ValueOf(BmpStatisticType.AdjRibInRoutes) == (ulong)Set.Routes.Count && report.ValueOf(BmpStatisticType.LocRibRoutes) == (ulong)Set.Routes.Count);
            return new Observation(holds, report is null ? "no report" : string.Join(", ", report.Statistics));
        });

        // FRR reports a Peer Down for a configured peer that is not up yet when the station connects: count only later ones.
        var earlier = station.Messages.Count;
        await speaker.BirdcAsync("disable", speaker.ProtocolFor(router.Address));
        await HoldsAsync(router, station, "a Peer Down for the speaker arrives", () =>
        {
            var downs = PeerDowns(station, earlier, peer);
            return new Observation(downs.Count > 0, downs.Count == 0 ? "none" : string.Join("; ", downs.Select(d => d.Text)));
        });
        var down = PeerDowns(station, earlier, peer)[0];
        // BIRD closes with Cease/Administrative Shutdown: the router got a NOTIFICATION from its peer.
        Assert.Equal(BmpPeerDownReason.RemoteNotification, down.Reason);
        Assert.Equal(BgpErrorCode.Cease, down.Notification?.Code);

        Assert.Empty(station.Messages.OfType<BmpMalformed>());
        Assert.Null(station.Failure);
    }

    private static List<BmpPeerDown> PeerDowns(BmpRecording station, int after, IPAddress peer) =>
        [.. station.Messages.Skip(after).OfType<BmpPeerDown>().Where(down => down.Peer.Address.Equals(peer))];

    private static Observation Compare(Dictionary<Prefix, RouteElement> table, Dictionary<Prefix, uint> expected)
    {
        var wrong = table.Values.Count(element => !expected.TryGetValue(element.Prefix, out var origin) || origin != element.OriginAsn);
        return new Observation(table.Count == expected.Count && wrong == 0, $"{table.Count} routes, {wrong} unexpected or with a wrong origin");
    }

    private static Task HoldsAsync(LabRouter router, BmpRecording station, string what, Func<Observation> observe) =>
        Eventually.HoldsAsync(router.Process!, what, () =>
        {
            if (station.Failure is { } failure)
            {
                throw new InvalidOperationException($"the BMP station stopped reading: {failure.Message}", failure);
            }
            var seen = observe();
            return Task.FromResult(seen with { Seen = $"{seen.Seen}; {station.Summary()}" });
        }, Step);
}
