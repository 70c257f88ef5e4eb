using System.Net;
using Grid.Bgp.Bmp;
using Grid.Bgp.Bmp.Model;
using Grid.Bgp.Messages;
using Grid.Bgp.Model;
using static Grid.Bgp.Tests.Bmp.BmpBytes;
using static Grid.Testing.Mrt.WireBytes;

namespace Grid.Bgp.Tests.Bmp;

/// <summary>BMP messages built by hand, one per RFC 7854 message type, read back through <see cref="BmpReader"/>.</summary>
public sealed class BmpReaderTests
{
    private const string PeerAddress = "192.0.2.7";
    private const uint PeerAs = 64496;
    private const uint RouterAs = 65200;
    private static readonly DateTimeOffset HeaderTime = DateTimeOffset.FromUnixTimeSeconds(Seconds);

    private static readonly BgpOpen RouterOpen = Open(RouterAs, "192.0.2.254",
        BgpCapability.Multiprotocol(BgpFamily.IPv4Unicast), BgpCapability.Multiprotocol(BgpFamily.IPv6Unicast));

    private static readonly BgpOpen PeerOpen = Open(PeerAs, "192.0.2.7",
        BgpCapability.Multiprotocol(BgpFamily.IPv4Unicast), BgpCapability.Multiprotocol(BgpFamily.IPv6Unicast));

    [Fact]
    public void InitiationNamesTheRouterAndKeepsUnknownTlvs()
    {
        var read = BmpRead.All(Message(BmpMessageType.Initiation,
            Tlv(BmpInformation.SysDescr, "FRRouting 8.4.4"), Tlv(99, [1, 2, 3]), Tlv(BmpInformation.SysName, "edge-1")));

        var initiation = Assert.IsType<BmpInitiation>(Assert.Single(read).Message);
        Assert.Equal("edge-1", initiation.SysName);
        Assert.Equal("FRRouting 8.4.4", initiation.SysDescr);
        Assert.Equal([(ushort)1, 99, 2], initiation.Information.Select(tlv => tlv.InformationType));
        Assert.Equal([1, 2, 3], initiation.Information[1].Value);
    }

    [Fact]
    public void RouteMonitoringBecomesRouteElementsWithThePeerAndTimeOfItsHeader()
    {
        var read = BmpRead.All(Join(
            RouteMonitoring(PeerHeader(PeerAddress, PeerAs, microseconds: 250_000), Announce([PeerAs, 64500], 4, "100.64.0.0/24", "100.64.1.0/24")),
            RouteMonitoring(PeerHeader(PeerAddress, PeerAs), UpdateBody(Nlri("100.64.1.0/24"), [], []))));

        var peer = IPAddress.Parse(PeerAddress);
        var at = HeaderTime.AddMilliseconds(250);
        Assert.Equal(
        [
            new RouteElement(at, peer, PeerAs, Prefix.Parse("100.64.0.0/24"), RouteAction.Announce, 64500),
            new RouteElement(at, peer, PeerAs, Prefix.Parse("100.64.1.0/24"), RouteAction.Announce, 64500),
        ], read[0].Elements);
        Assert.Equal([new RouteElement(HeaderTime, peer, PeerAs, Prefix.Parse("100.64.1.0/24"), RouteAction.Withdraw, 0)], read[1].Elements);
        // One peer object per distinct header: a full table shares it.
        Assert.Same(((BmpRouteMonitoring)read[0].Message).Peer, ((BmpRouteMonitoring)read[1].Message).Peer);
    }

    [Fact]
    public void MpReachAndMpUnreachCarryIPv6RoutesFromAnIPv6Peer()
    {
        var header = PeerHeader("2001:db8::7", PeerAs);
        var read = BmpRead.All(Join(
            RouteMonitoring(header, AnnounceIPv6([PeerAs, 64501], "2001:db8:1::/48", "2001:db8:2::/48")),
            RouteMonitoring(header, WithdrawIPv6("2001:db8:1::/48"))));

        var monitoring = (BmpRouteMonitoring)read[0].Message;
        Assert.True(monitoring.Peer.Flags.HasFlag(BmpPeerFlags.IPv6));
        Assert.Equal(IPAddress.Parse("2001:db8::7"), monitoring.Peer.Address);
        Assert.Equal(["2001:db8:1::/48 Announce 64501", "2001:db8:2::/48 Announce 64501"], Describe(read[0].Elements));
        Assert.Equal(["2001:db8:1::/48 Withdraw 0"], Describe(read[1].Elements));
    }

    [Fact]
    public void AZeroTimestampMeansTheTimeOfReading()
    {
        var now = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        var read = BmpRead.All(RouteMonitoring(PeerHeader(PeerAddress, PeerAs, seconds: 0), Announce([PeerAs], 4, "100.64.0.0/24")), new FixedClock(now));

        Assert.Equal(now, Assert.Single(read[0].Elements).Timestamp);
    }

    [Fact]
    public void RoutesBeforeAnyPeerUpAreReadWithFourOctetAsnsAndNoAddPath()
    {
        var read = BmpRead.All(RouteMonitoring(PeerHeader(PeerAddress, PeerAs), Announce([PeerAs, 4_200_000_001], 4, "100.64.0.0/24")));

        var monitoring = (BmpRouteMonitoring)read[0].Message;
        Assert.Equal(new BgpDecodeContext(FourOctetAsn: true), monitoring.Context);
        Assert.Equal(4_200_000_001u, Assert.Single(read[0].Elements).OriginAsn);
    }

    [Fact]
    public void TheAFlagMeansTwoOctetAsPaths()
    {
        var read = BmpRead.All(RouteMonitoring(PeerHeader(PeerAddress, PeerAs, BmpPeerFlags.TwoOctetAsPath), Announce([PeerAs, 64500], 2, "100.64.0.0/24")));

        var monitoring = (BmpRouteMonitoring)read[0].Message;
        Assert.True(monitoring.Peer.HasTwoOctetAsPath);
        Assert.False(monitoring.Context.FourOctetAsn);
        Assert.Equal(64500u, Assert.Single(read[0].Elements).OriginAsn);
        Assert.False(monitoring.Update.HasProblems);
    }

    [Fact]
    public void PeerUpNegotiatesTheSessionFromTheRoutersAndThePeersOpen()
    {
        var read = BmpRead.All(PeerUp(PeerHeader(PeerAddress, PeerAs), "192.0.2.254", RouterOpen, PeerOpen, Tlv(BmpInformation.String, "hello")));

        var up = Assert.IsType<BmpPeerUp>(Assert.Single(read).Message);
        Assert.Equal(IPAddress.Parse("192.0.2.254"), up.LocalAddress);
        Assert.Equal((179, 40_000), (up.LocalPort, up.RemotePort));
        Assert.Equal(RouterAs, up.SentOpen.MyAs);
        Assert.Equal(PeerAs, up.ReceivedOpen.MyAs);
        Assert.NotNull(up.Session);
        Assert.Equal(PeerAs, up.Session.PeerAs);
        Assert.True(up.Session.FourOctetAs);
        Assert.Equal([BgpFamily.IPv4Unicast, BgpFamily.IPv6Unicast], up.Session.Families);
        Assert.Equal("hello", Assert.Single(up.Information).Text);
        Assert.Null(up.SessionProblem);
    }

    [Fact]
    public void AddPathNegotiatedInPeerUpAppliesToThePeersRoutesAndEndsWithPeerDown()
    {
        // The router said it receives IPv4 paths, the peer that it sends them (RFC 7911 §4): the peer's UPDATEs carry path IDs.
        var sent = RouterOpen with { Capabilities = [.. RouterOpen.Capabilities, BgpCapability.AddPath((BgpFamily.IPv4Unicast, AddPathDirection.Receive))] };
        var received = PeerOpen with { Capabilities = [.. PeerOpen.Capabilities, BgpCapability.AddPath((BgpFamily.IPv4Unicast, AddPathDirection.Send))] };
        var header = PeerHeader(PeerAddress, PeerAs);
        var withPathIds = UpdateBody([], Join(
            Attribute(0x40, PathAttributeType.Origin, 0),
            Attribute(0x40, PathAttributeType.AsPath, Sequence(4, PeerAs, 64500)),
            Attribute(0x40, PathAttributeType.NextHop, Address("198.51.100.1"))), NlriWithPathIds((1, "100.64.0.0/24"), (2, "100.64.0.0/24")));
        var read = BmpRead.All(Join(
            PeerUp(header, "192.0.2.254", sent, received),
            RouteMonitoring(header, withPathIds),
            // The post-policy table of the same session uses the same facts.
            RouteMonitoring(PeerHeader(PeerAddress, PeerAs, BmpPeerFlags.PostPolicy), withPathIds),
            PeerDown(header, BmpPeerDownReason.RemoteNoNotification, []),
            RouteMonitoring(header, Announce([PeerAs, 64500], 4, "100.64.0.0/24"))));

        Assert.Equal(AddPathFamilies.IPv4Unicast, ((BmpPeerUp)read[0].Message).Session!.AddPathReceive);
        Assert.Equal(["100.64.0.0/24 Announce 64500", "100.64.0.0/24 Announce 64500"], Describe(read[1].Elements));
        Assert.Equal(AddPathFamilies.IPv4Unicast, ((BmpRouteMonitoring)read[2].Message).Context.AddPath);
        Assert.Equal(2, read[2].Elements.Count);
        Assert.IsType<BmpPeerDown>(read[3].Message);
        Assert.Equal(AddPathFamilies.None, ((BmpRouteMonitoring)read[4].Message).Context.AddPath);
        Assert.Equal(["100.64.0.0/24 Announce 64500"], Describe(read[4].Elements));
    }

    [Fact]
    public void AddPathTheRouterOnlySendsAppliesToItsAdjRibOutNotToWhatThePeerSent()
    {
        var sent = RouterOpen with { Capabilities = [.. RouterOpen.Capabilities, BgpCapability.AddPath((BgpFamily.IPv4Unicast, AddPathDirection.Send))] };
        var received = PeerOpen with { Capabilities = [.. PeerOpen.Capabilities, BgpCapability.AddPath((BgpFamily.IPv4Unicast, AddPathDirection.Receive))] };
        var read = BmpRead.All(Join(
            PeerUp(PeerHeader(PeerAddress, PeerAs), "192.0.2.254", sent, received),
            RouteMonitoring(PeerHeader(PeerAddress, PeerAs), Announce([PeerAs, 64500], 4, "100.64.0.0/24")),
            RouteMonitoring(PeerHeader(PeerAddress, PeerAs, BmpPeerFlags.AdjRibOut), UpdateBody(NlriWithPathIds((7, "100.64.9.0/24")), [], []))));

        Assert.Equal(AddPathFamilies.None, ((BmpRouteMonitoring)read[1].Message).Context.AddPath);
        Assert.Equal(["100.64.0.0/24 Announce 64500"], Describe(read[1].Elements));
        Assert.Equal(BmpRib.AdjRibOutPrePolicy, ((BmpRouteMonitoring)read[2].Message).Peer.Rib);
        Assert.Equal(["100.64.9.0/24 Withdraw 0"], Describe(read[2].Elements));
    }

    [Fact]
    public void ATwoOctetSessionReadsTwoOctetPaths()
    {
        var read = BmpRead.All(Join(TwoOctetPeerUp(), RouteMonitoring(PeerHeader(PeerAddress, PeerAs), Announce([PeerAs, 64500], 2, "100.64.0.0/24"))));

        Assert.False(((BmpPeerUp)read[0].Message).Session!.FourOctetAs);
        Assert.Equal(["100.64.0.0/24 Announce 64500"], Describe(read[1].Elements));
    }

    [Fact]
    public void ATwoOctetSessionsRoutesReformattedToFourOctetsAreReadAsSuch()
    {
        // RFC 7854 §4.2: with the A flag clear the router may have rewritten the peer's paths in 4-octet form.
        var read = BmpRead.All(Join(TwoOctetPeerUp(), RouteMonitoring(PeerHeader(PeerAddress, PeerAs), Announce([PeerAs, 64500], 4, "100.64.0.0/24"))));

        var monitoring = (BmpRouteMonitoring)read[1].Message;
        Assert.True(monitoring.Context.FourOctetAsn);
        Assert.Equal(["100.64.0.0/24 Announce 64500"], Describe(read[1].Elements));
        Assert.False(monitoring.Update.HasProblems);
    }

    [Theory]
    [InlineData(BmpPeerFlags.None, BmpRib.AdjRibInPrePolicy)]
    [InlineData(BmpPeerFlags.PostPolicy, BmpRib.AdjRibInPostPolicy)]
    [InlineData(BmpPeerFlags.AdjRibOut, BmpRib.AdjRibOutPrePolicy)]
    [InlineData(BmpPeerFlags.AdjRibOut | BmpPeerFlags.PostPolicy, BmpRib.AdjRibOutPostPolicy)]
    public void TheLAndOFlagsTellTheTablesApart(BmpPeerFlags flags, BmpRib rib)
    {
        var read = BmpRead.All(RouteMonitoring(PeerHeader(PeerAddress, PeerAs, flags), Announce([PeerAs], 4, "100.64.0.0/24")));

        var peer = ((BmpRouteMonitoring)read[0].Message).Peer;
        Assert.Equal(rib, peer.Rib);
        Assert.Equal(flags.HasFlag(BmpPeerFlags.PostPolicy), peer.IsPostPolicy);
        Assert.Equal(flags.HasFlag(BmpPeerFlags.AdjRibOut), peer.IsAdjRibOut);
    }

    [Fact]
    public void LocRibIsATableOfItsOwn()
    {
        var read = BmpRead.All(RouteMonitoring(PeerHeader("0.0.0.0", 0, (BmpPeerFlags)0x80, type: BmpPeerType.LocRib), Announce([PeerAs], 4, "100.64.0.0/24")));

        var peer = ((BmpRouteMonitoring)read[0].Message).Peer;
        Assert.Equal(BmpRib.LocRib, peer.Rib);
        Assert.True(peer.IsLocRibFiltered);
        Assert.Single(read[0].Elements);
    }

    [Fact]
    public void EndOfRibIsToldPerFamily()
    {
        var header = PeerHeader(PeerAddress, PeerAs);
        var read = BmpRead.All(Join(
            RouteMonitoring(header, Announce([PeerAs], 4, "100.64.0.0/24")),
            RouteMonitoring(header, UpdateBody([], [], [])),
            RouteMonitoring(header, UpdateBody([], Attribute(0x80, PathAttributeType.MpUnreachNlri, Join(U16(2), [1])), []))));

        Assert.Equal([null, BgpFamily.IPv4Unicast, BgpFamily.IPv6Unicast], read.Select(r => ((BmpRouteMonitoring)r.Message).EndOfRib));
        Assert.Empty(read[1].Elements);
        Assert.Empty(read[2].Elements);
    }

    [Fact]
    public void PeerDownSaysWhoClosedTheSessionAndHow()
    {
        var header = PeerHeader(PeerAddress, PeerAs);
        var read = BmpRead.All(Join(
            PeerDown(header, BmpPeerDownReason.RemoteNotification, BgpNotification.AdministrativeShutdown("maintenance").Encode()),
            PeerDown(header, BmpPeerDownReason.LocalNotification, BgpNotification.HoldTimerExpired().Encode()),
            PeerDown(header, BmpPeerDownReason.LocalNoNotification, U16(24)),
            PeerDown(header, BmpPeerDownReason.RemoteNoNotification, []),
            PeerDown(header, BmpPeerDownReason.PeerDeconfigured, [])));

        var downs = read.Select(r => Assert.IsType<BmpPeerDown>(r.Message)).ToList();
        Assert.Equal("RemoteNotification: Cease/AdministrativeShutdown \"maintenance\"", downs[0].Text);
        Assert.Equal(BgpErrorCode.HoldTimerExpired, downs[1].Notification!.Code);
        Assert.Equal((ushort)24, downs[2].FsmEventCode);
        Assert.Equal("LocalNoNotification: FSM event 24", downs[2].Text);
        Assert.Equal([BmpPeerDownReason.RemoteNoNotification, BmpPeerDownReason.PeerDeconfigured], downs[3..].Select(d => d.Reason));
        Assert.All(downs, down => Assert.Equal(IPAddress.Parse(PeerAddress), down.Peer.Address));
    }

    [Fact]
    public void StatisticsReportCountersAndGaugesIncludingPerFamilyOnes()
    {
        var read = BmpRead.All(Statistics(PeerHeader(PeerAddress, PeerAs),
            Tlv(0, U32(3)),
            Tlv(7, U64(5_000_000_000)),
            Tlv(9, Join(U16(2), [1], U64(220_000))),
            // A type from the future with a shape not known here: skipped by its length.
            Tlv(200, [1, 2, 3]),
            Tlv(8, U64(1_040_000))));

        var report = Assert.IsType<BmpStatisticsReport>(Assert.Single(read).Message);
        Assert.Equal(4, report.Statistics.Count);
        Assert.Equal(3ul, report.ValueOf(BmpStatisticType.RejectedPrefixes));
        Assert.Equal(5_000_000_000ul, report.ValueOf(BmpStatisticType.AdjRibInRoutes));
        Assert.Equal(220_000ul, report.ValueOf(BmpStatisticType.AdjRibInRoutesPerFamily, BgpFamily.IPv6Unicast));
        Assert.Equal(1_040_000ul, report.ValueOf(BmpStatisticType.LocRibRoutes));
    }

    [Fact]
    public void TerminationGivesItsReasonAndEndsTheStream()
    {
        var read = BmpRead.All(Join(
            Message(BmpMessageType.Termination, Tlv(BmpInformation.String, "shutting down"), Tlv(BmpInformation.TerminationReason, U16(2))),
            Message(BmpMessageType.Initiation)));

        var termination = Assert.IsType<BmpTermination>(Assert.Single(read).Message);
        Assert.Equal(BmpTerminationReason.OutOfResources, termination.Reason);
        Assert.Equal("shutting down", termination.Text);
    }

    [Fact]
    public async Task RouteMirroringAndUnknownTypesAreSkippedByTheirLength()
    {
        var stream = Join(
            Message(BmpMessageType.RouteMirroring, PeerHeader(PeerAddress, PeerAs), Tlv(0, new byte[30])),
            Message((BmpMessageType)42, new byte[100]),
            Message(BmpMessageType.Initiation, Tlv(BmpInformation.SysName, "after")));
        await using var reader = new BmpReader(new MemoryStream(stream));
        var read = new List<BmpMessage>();
        await foreach (var message in reader.ReadAsync())
        {
            read.Add(message);
        }

        Assert.Equal("after", Assert.IsType<BmpInitiation>(Assert.Single(read)).SysName);
        Assert.Equal(2, reader.SkippedMessages);
        Assert.Equal(stream.Length, reader.Position);
        Assert.Equal(stream.Length - read[0].Offset, Message(BmpMessageType.Initiation, Tlv(BmpInformation.SysName, "after")).Length);
    }

    [Fact]
    public void AMalformedMessageIsReportedWithItsOffsetAndSkipped()
    {
        var keepalive = Message(BmpMessageType.RouteMonitoring, PeerHeader(PeerAddress, PeerAs), BgpMessageFraming.EncodeKeepalive());
        var shortPeerHeader = Message(BmpMessageType.PeerDown, new byte[20]);
        var badTlv = Message(BmpMessageType.Initiation, U16(2), U16(50), [1, 2]);
        var good = RouteMonitoring(PeerHeader(PeerAddress, PeerAs), Announce([PeerAs, 64500], 4, "100.64.0.0/24"));
        var read = BmpRead.All(Join(keepalive, shortPeerHeader, badTlv, good));

        var errors = read.Take(3).Select(r => Assert.IsType<BmpMalformed>(r.Message)).ToList();
        Assert.Equal([0L, keepalive.Length, keepalive.Length + shortPeerHeader.Length], errors.Select(e => e.Offset));
        Assert.Contains("Keepalive", errors[0].Reason, StringComparison.Ordinal);
        Assert.Contains("per-peer header", errors[1].Reason, StringComparison.Ordinal);
        Assert.Contains("claims 50 octets", errors[2].Reason, StringComparison.Ordinal);
        Assert.Equal(["100.64.0.0/24 Announce 64500"], Describe(read[3].Elements));
    }

    [Theory]
    [InlineData(2, 100u)]
    [InlineData(3, 5u)]
    [InlineData(3, 0x7FFF_FFFFu)]
    public async Task BrokenFramingEndsTheStreamWithAClearError(byte version, uint length)
    {
        var good = Message(BmpMessageType.Initiation, Tlv(BmpInformation.SysName, "r"));
        var broken = Join([version], U32(length), [4], new byte[10]);
        var read = new List<BmpMessage>();
        await using var reader = new BmpReader(new MemoryStream(Join(good, broken)));

        var error = await Assert.ThrowsAsync<BmpFramingException>(async () =>
        {
            await foreach (var message in reader.ReadAsync())
            {
                read.Add(message);
            }
        });
        Assert.Single(read);
        Assert.Equal(good.Length, error.Offset);
        Assert.Contains($"offset {good.Length}", error.Message, StringComparison.Ordinal);
        Assert.Contains("RFC 7854 §4.1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStreamCutOffMidMessageEndsWithATruncationReport()
    {
        var first = RouteMonitoring(PeerHeader(PeerAddress, PeerAs), Announce([PeerAs], 4, "100.64.0.0/24"));
        var read = BmpRead.All(Join(first, first[..50]));

        Assert.Single(read[0].Elements);
        var cut = Assert.IsType<BmpMalformed>(read[1].Message);
        Assert.Equal(first.Length, cut.Offset);
        Assert.Contains($"ends 50 octets into a {first.Length}-octet message", cut.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void OctetsArrivingOneAtATimeReadTheSameAsAllAtOnce()
    {
        var stream = Join(
            Message(BmpMessageType.Initiation, Tlv(BmpInformation.SysName, "r")),
            PeerUp(PeerHeader(PeerAddress, PeerAs), "192.0.2.254", RouterOpen, PeerOpen),
            RouteMonitoring(PeerHeader(PeerAddress, PeerAs), Announce([PeerAs, 64500], 4, "100.64.0.0/24", "100.64.1.0/24")),
            PeerDown(PeerHeader(PeerAddress, PeerAs), BmpPeerDownReason.RemoteNoNotification, []));

        var whole = BmpRead.All(stream);
        var trickled = BmpRead.All(stream, chunk: 1);

        Assert.Equal(4, whole.Count);
        Assert.Equal(whole.Select(r => r.Message.GetType()), trickled.Select(r => r.Message.GetType()));
        Assert.Equal(whole.SelectMany(r => r.Elements), trickled.SelectMany(r => r.Elements));
    }

    [Fact]
    public void AnExtendedUpdateLargerThanTheFirstBufferIsRead()
    {
        // 16,365 /24s in one UPDATE near the 65,535-octet limit of Extended Messages (RFC 8654): with the BMP, per-peer and
        // BGP headers (67 octets) the message outgrows the reader's first 64 KiB buffer.
        var prefixes = Enumerable.Range(0, 16_365).Select(i => $"{10 + (i >> 16)}.{(i >> 8) & 255}.{i & 255}.0/24").ToArray();
        var body = Announce([PeerAs, 64500], 4, prefixes);
        Assert.True(body.Length + 67 > 64 * 1024 && body.Length <= 65_535 - 19, $"{body.Length} octets");
        var header = PeerHeader(PeerAddress, PeerAs);
        var read = BmpRead.All(Join(RouteMonitoring(header, body), RouteMonitoring(header, body)), chunk: 4096);

        Assert.Equal(2, read.Count);
        Assert.All(read, r => Assert.Equal(prefixes.Length, r.Elements.Count));
    }

    [Fact]
    public async Task AFullTableCostsOneSmallObjectPerUpdate()
    {
        const int updates = 20_000;
        var header = PeerHeader(PeerAddress, PeerAs);
        var stream = Join([.. Enumerable.Range(0, updates).Select(i =>
            RouteMonitoring(header, Announce([PeerAs, 64500], 4, $"{10 + (i >> 16)}.{(i >> 8) & 255}.{i & 255}.0/24", $"{100 + (i >> 16)}.{(i >> 8) & 255}.{i & 255}.0/24")))]);
        var elements = new List<RouteElement>(2 * updates);
        await using var reader = new BmpReader(new MemoryStream(stream));

        // A MemoryStream completes every read at once, so the whole loop runs on this thread.
        var before = GC.GetAllocatedBytesForCurrentThread();
        await foreach (var message in reader.ReadAsync())
        {
            ((BmpRouteMonitoring)message).AddRouteElements(elements);
        }
        var perUpdate = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)updates;

        Assert.Equal(2 * updates, elements.Count);
        // The BmpRouteMonitoring itself (88 octets on x64), nothing per route, also in Debug builds.
        Assert.True(perUpdate < 128, $"{perUpdate:0} octets allocated per UPDATE");
    }

    [Fact]
    public async Task AnUpdateIsOnlyValidUntilTheNextMessage()
    {
        var header = PeerHeader(PeerAddress, PeerAs);
        await using var reader = new BmpReader(new MemoryStream(Join(
            RouteMonitoring(header, Announce([PeerAs], 4, "100.64.0.0/24")),
            RouteMonitoring(header, Announce([PeerAs], 4, "100.64.1.0/24")))));
        var messages = new List<BmpRouteMonitoring>();
        await foreach (var message in reader.ReadAsync())
        {
            messages.Add((BmpRouteMonitoring)message);
        }

        Assert.Throws<InvalidOperationException>(() => messages[0].AddRouteElements([]));
        Assert.Equal(["100.64.1.0/24 Announce 64496"], Describe(messages[1].RouteElements()));
    }

    /// <summary>A Peer Up whose OPENs have no capabilities: a 2-octet AS session (RFC 6793 §4.1).</summary>
    private static byte[] TwoOctetPeerUp() => PeerUp(PeerHeader(PeerAddress, PeerAs), "192.0.2.254",
        new BgpOpen(RouterAs, 90, 0xC000_02FE, []), new BgpOpen(PeerAs, 90, 0xC000_0207, []));

    internal static List<string> Describe(IEnumerable<RouteElement> elements) =>
        [.. elements.Select(element => $"{element.Prefix} {element.Action} {element.OriginAsn}")];
}
