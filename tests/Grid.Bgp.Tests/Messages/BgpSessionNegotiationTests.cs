using Grid.Bgp.Messages;
using Grid.Bgp.Model;
using static Grid.Bgp.Tests.Messages.BgpMessageFramingTests;
using static Grid.Testing.Mrt.WireBytes;

namespace Grid.Bgp.Tests.Messages;

/// <summary>What two OPENs agree (RFC 4271 §4.2, RFC 5492 §3, RFC 6793, RFC 7911 §4, RFC 8654).</summary>
public sealed class BgpSessionNegotiationTests
{
    private const uint OurId = 0xC000_0201;
    private const uint PeerId = 0xC000_0202;

    private static BgpOpen Open(uint asn, ushort holdTime, uint id, params BgpCapability[] capabilities) => new(asn, holdTime, id, capabilities);

    private static BgpOpen Received(BgpOpen open) => BgpOpen.Decode(open.EncodeBody());

    [Theory]
    [InlineData(90, 180, 90)]
    [InlineData(180, 3, 3)]
    [InlineData(0, 90, 0)]
    [InlineData(90, 0, 0)]
    public void TheHoldTimeIsTheSmallerOne(ushort ours, ushort peers, ushort negotiated)
    {
        var session = BgpSessionNegotiation.Negotiate(Open(64496, ours, OurId), Open(64497, peers, PeerId));

        Assert.Equal(negotiated, session.HoldTime);
        Assert.Equal(TimeSpan.FromSeconds(negotiated / 3), session.KeepaliveInterval);
    }

    [Fact]
    public void AHoldTimeBelowThreeSecondsIsUnacceptable()
    {
        AssertNotification(() => BgpSessionNegotiation.Negotiate(Open(64496, 90, OurId), Open(64497, 2, PeerId)),
            BgpErrorCode.OpenMessageError, (byte)OpenMessageErrorSubcode.UnacceptableHoldTime);
    }

    [Fact]
    public void FourOctetAsnsNeedBothSpeakers()
    {
        var ours = Open(64496, 90, OurId, BgpCapability.FourOctetAs(64496));
        var large = Received(Open(4_200_000_000, 90, PeerId, BgpCapability.FourOctetAs(4_200_000_000)));
        var old = Received(Open(64497, 90, PeerId));

        var both = BgpSessionNegotiation.Negotiate(ours, large);
        var one = BgpSessionNegotiation.Negotiate(ours, old);

        Assert.True(both.FourOctetAs);
        Assert.Equal(4_200_000_000u, both.PeerAs);
        Assert.Equal(4, both.DecodeContext.AsnSize);
        Assert.False(one.FourOctetAs);
        Assert.Equal(64497u, one.PeerAs);
        Assert.Equal(2, one.DecodeContext.AsnSize);
    }

    [Fact]
    public void AnUnexpectedPeerAsIsBad()
    {
        var peer = Received(Open(4_200_000_000, 90, PeerId, BgpCapability.FourOctetAs(4_200_000_000)));
        var ours = Open(64496, 90, OurId, BgpCapability.FourOctetAs(64496));

        Assert.Equal(4_200_000_000u, BgpSessionNegotiation.Negotiate(ours, peer, expectedPeerAs: 4_200_000_000).PeerAs);
        AssertNotification(() => BgpSessionNegotiation.Negotiate(ours, peer, expectedPeerAs: 64497),
            BgpErrorCode.OpenMessageError, (byte)OpenMessageErrorSubcode.BadPeerAs);
    }

    [Fact]
    public void AnInternalPeerWithOurIdentifierIsBad()
    {
        AssertNotification(() => BgpSessionNegotiation.Negotiate(Open(64496, 90, OurId), Open(64496, 90, OurId)),
            BgpErrorCode.OpenMessageError, (byte)OpenMessageErrorSubcode.BadBgpIdentifier);
        Assert.Equal(64497u, BgpSessionNegotiation.Negotiate(Open(64496, 90, OurId), Open(64497, 90, OurId)).PeerAs);
    }

    [Fact]
    public void FamiliesAreTheIntersectionAndDefaultToIPv4Unicast()
    {
        var dual = Open(64496, 90, OurId, BgpCapability.Multiprotocol(BgpFamily.IPv4Unicast), BgpCapability.Multiprotocol(BgpFamily.IPv6Unicast));
        var v6 = Open(64497, 90, PeerId, BgpCapability.Multiprotocol(BgpFamily.IPv6Unicast));
        var none = Open(64497, 90, PeerId);

        Assert.Equal([BgpFamily.IPv6Unicast], BgpSessionNegotiation.Negotiate(dual, v6).Families);
        Assert.Equal([BgpFamily.IPv4Unicast], BgpSessionNegotiation.Negotiate(dual, none).Families);
        Assert.Empty(BgpSessionNegotiation.Negotiate(Open(64496, 90, OurId, BgpCapability.Multiprotocol(BgpFamily.IPv6Unicast)), none).Families);
        Assert.True(BgpSessionNegotiation.Negotiate(dual, v6).Carries(Afi.IPv6, Safi.Unicast));
    }

    [Fact]
    public void WeReceivePathsWhereWeSaidReceiveAndThePeerSaidSend()
    {
        var families = new[] { BgpCapability.Multiprotocol(BgpFamily.IPv4Unicast), BgpCapability.Multiprotocol(BgpFamily.IPv6Unicast) };
        var ours = Open(64496, 90, OurId, [.. families,
            BgpCapability.AddPath((BgpFamily.IPv4Unicast, AddPathDirection.Receive), (BgpFamily.IPv6Unicast, AddPathDirection.Both))]);
        var peers = Received(Open(64497, 90, PeerId, [.. families,
            BgpCapability.AddPath((BgpFamily.IPv4Unicast, AddPathDirection.Both), (BgpFamily.IPv6Unicast, AddPathDirection.Receive))]));

        var session = BgpSessionNegotiation.Negotiate(ours, peers);

        Assert.Equal(AddPathFamilies.IPv4Unicast, session.AddPathReceive);
        Assert.Equal(AddPathFamilies.IPv6Unicast, session.AddPathSend);
        Assert.True(session.DecodeContext.HasPathIds(Afi.IPv4, Safi.Unicast));
        Assert.False(session.DecodeContext.HasPathIds(Afi.IPv6, Safi.Unicast));
    }

    [Fact]
    public void TheNegotiatedContextDecodesThePeersUpdates()
    {
        var ours = Open(64496, 90, OurId, BgpCapability.FourOctetAs(64496), BgpCapability.AddPath((BgpFamily.IPv4Unicast, AddPathDirection.Receive)));
        var peers = Received(Open(64497, 90, PeerId, BgpCapability.FourOctetAs(64497), BgpCapability.AddPath((BgpFamily.IPv4Unicast, AddPathDirection.Send))));
        var session = BgpSessionNegotiation.Negotiate(ours, peers);
        // One withdrawn route with path identifier 7: 192.0.2.0/24.
        var body = Join(U16(8), U32(7), [24, 192, 0, 2], U16(0));

        var update = new BgpUpdate();
        BgpUpdateDecoder.Decode(body, session.DecodeContext, update);

        var withdrawn = update.Withdrawn;
        Assert.True(withdrawn.TryRead(out var prefix));
        Assert.Equal(7u, prefix.PathId);
        Assert.Equal("192.0.2.0/24", prefix.ToPrefix().ToString());
    }

    [Fact]
    public void ExtendedMessagesAndRouteRefreshNeedBothSpeakers()
    {
        var ours = Open(64496, 90, OurId, BgpCapability.ExtendedMessage(), BgpCapability.RouteRefresh());

        var both = BgpSessionNegotiation.Negotiate(ours, Open(64497, 90, PeerId, BgpCapability.ExtendedMessage(), BgpCapability.RouteRefresh()));
        var one = BgpSessionNegotiation.Negotiate(ours, Open(64497, 90, PeerId));

        Assert.True(both.ExtendedMessage);
        Assert.True(both.RouteRefresh);
        Assert.Equal(65535, both.MaxMessageLength);
        Assert.False(one.ExtendedMessage);
        Assert.False(one.RouteRefresh);
        Assert.Equal(4096, one.MaxMessageLength);
    }

    [Fact]
    public void AMissingRequiredCapabilityIsReportedWithOurCapabilityAsData()
    {
        var ours = Open(64496, 90, OurId, BgpCapability.Multiprotocol(BgpFamily.IPv6Unicast), BgpCapability.FourOctetAs(64496));
        byte[] required = [(byte)BgpCapabilityCode.FourOctetAs];

        // Capability 65, length 4, AS 64496 (0x0000FBF0) (RFC 5492 §5).
        AssertNotification(() => BgpSessionNegotiation.Negotiate(ours, Open(64497, 90, PeerId), required: required),
            BgpErrorCode.OpenMessageError, (byte)OpenMessageErrorSubcode.UnsupportedCapability, "41040000FBF0");
        Assert.True(BgpSessionNegotiation.Negotiate(ours, Open(64497, 90, PeerId, BgpCapability.FourOctetAs(64497)), required: required).FourOctetAs);
    }

    [Fact]
    public void CapabilitiesCompareByValue()
    {
        Assert.Equal(BgpCapability.FourOctetAs(64496), BgpCapability.FourOctetAs(64496));
        Assert.NotEqual(BgpCapability.FourOctetAs(64496), BgpCapability.FourOctetAs(64497));
        Assert.Equal(BgpCapability.FourOctetAs(64496).GetHashCode(), BgpCapability.FourOctetAs(64496).GetHashCode());
    }
}
