using Grid.Bgp.Messages;
using Grid.Bgp.Model;
using static Grid.Testing.Mrt.WireBytes;

namespace Grid.Bgp.Tests;

/// <summary>The UPDATE decoder (RFC 4271 §4.3) on its own, as live sessions and BMP will use it.</summary>
public sealed class BgpUpdateDecoderTests
{
    private static readonly BgpDecodeContext As4Session = new(FourOctetAsn: true);

    private static BgpUpdate Decode(byte[] body, BgpDecodeContext? context = null)
    {
        var update = new BgpUpdate();
        BgpUpdateDecoder.Decode(body, context ?? As4Session, update);
        return update;
    }

    private static List<string> Prefixes(NlriReader nlri)
    {
        var prefixes = new List<string>();
        while (nlri.TryRead(out var prefix))
        {
            prefixes.Add(prefix.ToPrefix().ToString());
        }
        return prefixes;
    }

    [Fact]
    public void SplitsWithdrawnRoutesAttributesAndNlri()
    {
        var attributes = Join(
            Attribute(0x40, PathAttributeType.Origin, 2),
            Attribute(0x40, PathAttributeType.AsPath, Sequence(4, 64496, 4_200_000_000)),
            Attribute(0x40, PathAttributeType.NextHop, Address("192.0.2.1")),
            Attribute(0x80, PathAttributeType.MultiExitDisc, U32(50)),
            Attribute(0xC0, PathAttributeType.Communities, Join(U32(0xFBF0_0001), U32(0xFFFF_FF01))),
            Attribute(0xC0, PathAttributeType.LargeCommunities, Join(U32(4_200_000_000), U32(1), U32(2))));

        var update = Decode(UpdateBody(Nlri("10.0.0.0/8", "10.1.0.0/16"), attributes, Nlri("192.0.2.0/24", "0.0.0.0/0")));

        Assert.Equal(["10.0.0.0/8", "10.1.0.0/16"], Prefixes(update.Withdrawn));
        Assert.Equal(["192.0.2.0/24", "0.0.0.0/0"], Prefixes(update.Announced));
        var decoded = update.Attributes;
        Assert.Equal(Origin.Incomplete, decoded.Origin);
        Assert.Equal(4_200_000_000u, decoded.AsPath.OriginAsn);
        Assert.Equal("192.0.2.1", decoded.NextHop.ToString());
        Assert.Equal(50u, decoded.MultiExitDisc);
        Assert.Equal([0xFBF0_0001u, 0xFFFF_FF01u], [decoded.Community(0), decoded.Community(1)]);
        Assert.Equal((4_200_000_000u, 1u, 2u), decoded.LargeCommunity(0));
        Assert.False(update.HasProblems);
    }

    [Fact]
    public void Ipv6RoutesTravelInMpReachAndMpUnreach()
    {
        var reach = Join(U16(2), [1, 32], Address("2001:db8::1"), Address("fe80::1"), [0], Nlri("2001:db8:1::/48"));
        var unreach = Join(U16(2), [1], Nlri("2001:db8:2::/48"));
        var update = Decode(UpdateBody([], Join(
            Attribute(0x90, PathAttributeType.MpReachNlri, reach),
            Attribute(0x90, PathAttributeType.MpUnreachNlri, unreach)), []));

        var attributes = update.Attributes;
        Assert.True(attributes.Has(PathAttributeType.MpReachNlri));
        Assert.Equal("2001:db8::1", attributes.MpReach.NextHopAddress.ToString());
        Assert.Equal(["2001:db8:1::/48"], Prefixes(attributes.MpReach.Nlri));
        Assert.Equal(["2001:db8:2::/48"], Prefixes(attributes.MpUnreach.Nlri));
    }

    [Fact]
    public void StrayHostBitsAreKeptAsSentButNotInThePrefix()
    {
        // bgpdump's test file updates.nlri_mask_trailing_bits announces 11.13.0.0/13: the .13 has bits past the mask.
        var update = Decode(UpdateBody([], [], [13, 11, 13]));

        Assert.True(update.Announced.TryRead(out var prefix));
        Assert.Equal(11u << 24 | 13u << 16, prefix.IPv4RawValue);
        Assert.Equal("11.8.0.0/13", prefix.ToPrefix().ToString());
    }

    [Fact]
    public void LengthsThatOverrunTheMessageAreClampedAndNoted()
    {
        var body = Join(U16(0), U16(200), Attribute(0x40, PathAttributeType.Origin, 0));

        var update = Decode(body);

        Assert.True(update.Attributes.Has(PathAttributeType.Origin));
        Assert.Contains(update.Problems, problem => problem.Contains("Total Path Attribute Length 200 overruns", StringComparison.Ordinal));
    }

    [Fact]
    public void ADuplicateAttributeKeepsTheFirstAndIsNoted()
    {
        var update = Decode(UpdateBody([], Join(
            Attribute(0x40, PathAttributeType.NextHop, Address("192.0.2.1")),
            Attribute(0x40, PathAttributeType.NextHop, Address("192.0.2.2"))), []));

        Assert.Equal("192.0.2.1", update.Attributes.NextHop.ToString());
        Assert.Contains(update.Problems, problem => problem.Contains("more than once", StringComparison.Ordinal));
    }

    [Fact]
    public void AnAttributeThatOverrunsItsBlockEndsTheWalkButKeepsEarlierOnes()
    {
        var attributes = Join(Attribute(0x40, PathAttributeType.Origin, 1), [0x40, (byte)PathAttributeType.AsPath, 40, 2, 1]);

        var update = Decode(UpdateBody([], attributes, Nlri("192.0.2.0/24")));

        Assert.Equal(Origin.Egp, update.Attributes.Origin);
        Assert.False(update.Attributes.Has(PathAttributeType.AsPath));
        Assert.Equal(["192.0.2.0/24"], Prefixes(update.Announced));
        Assert.Contains(update.Problems, problem => problem.Contains("claims 40 octets", StringComparison.Ordinal));
    }

    [Fact]
    public void APrefixCutOffStopsTheNlriWithAReason()
    {
        var update = Decode(UpdateBody([], [], [24, 192, 0, 2, 24, 198]));

        var nlri = update.Announced;
        Assert.True(nlri.TryRead(out _));
        Assert.False(nlri.TryRead(out _));
        Assert.Equal("a /24 prefix needs 3 octets but only 1 remain", nlri.Error);
    }

    [Fact]
    public void TheMessageHeaderIsCheckedForItsMarker()
    {
        var message = Message(BgpMessageType.Keepalive, []);
        message[3] = 0;

        Assert.False(BgpMessageHeader.TryRead(message, out _, out var error));
        Assert.Contains("marker", error, StringComparison.Ordinal);
        Assert.True(BgpMessageHeader.TryRead(Message(BgpMessageType.Keepalive, []), out var header, out _));
        Assert.Equal((19, BgpMessageType.Keepalive), (header.Length, header.Type));
    }
}
