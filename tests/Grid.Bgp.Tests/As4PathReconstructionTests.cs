using Grid.Bgp.Attributes;
using Grid.Bgp.Messages;
using Grid.Bgp.Model;
using static Grid.Testing.Mrt.WireBytes;

namespace Grid.Bgp.Tests;

/// <summary>
/// RFC 6793 §4.2.3: a 2-octet session carries wide ASNs as AS_TRANS in AS_PATH and the real ones in
/// AS4_PATH (and AS4_AGGREGATOR); the receiver joins them back.
/// </summary>
public sealed class As4PathReconstructionTests
{
    private const uint AsTrans = 23456;
    private static readonly BgpDecodeContext TwoOctetSession = new(FourOctetAsn: false);

    private static PathAttributes Decode(BgpDecodeContext context, params byte[][] attributes)
    {
        var decoded = new PathAttributes();
        PathAttributeDecoder.Decode(Join(attributes), context, decoded);
        return decoded;
    }

    [Fact]
    public void AsTransIsReplacedByTheAs4PathsAses()
    {
        var attributes = Decode(TwoOctetSession,
            Attribute(0x40, PathAttributeType.AsPath, Sequence(2, 3356, AsTrans, AsTrans)),
            Attribute(0xC0, PathAttributeType.As4Path, Sequence(4, 200_000, 400_000)));

        Assert.True(attributes.AsPathIsMerged);
        Assert.Equal("3356 200000 400000", attributes.AsPath.ToString());
        Assert.Equal(400_000u, attributes.AsPath.OriginAsn);
        Assert.Equal("3356 23456 23456", attributes.ReceivedAsPath.ToString());
    }

    [Fact]
    public void AnAsSetCountsAsOneWhenTakingTheLeadingAses()
    {
        var attributes = Decode(TwoOctetSession,
            Attribute(0x40, PathAttributeType.AsPath, AsPath(2, (AsPathSegmentType.AsSequence, [701, AsTrans]), (AsPathSegmentType.AsSet, [1, 2]))),
            Attribute(0xC0, PathAttributeType.As4Path, AsPath(4, (AsPathSegmentType.AsSequence, [200_000]), (AsPathSegmentType.AsSet, [1, 2]))));

        Assert.Equal("701 200000 {1,2}", attributes.AsPath.ToString());
        Assert.Equal(0u, attributes.AsPath.OriginAsn);
    }

    [Fact]
    public void AnAs4PathLongerThanTheAsPathIsIgnored()
    {
        var attributes = Decode(TwoOctetSession,
            Attribute(0x40, PathAttributeType.AsPath, Sequence(2, 3356, AsTrans)),
            Attribute(0xC0, PathAttributeType.As4Path, Sequence(4, 1, 2, 200_000)));

        Assert.False(attributes.AsPathIsMerged);
        Assert.Equal("3356 23456", attributes.AsPath.ToString());
    }

    [Fact]
    public void An4OctetAggregatorReplacesAsTransAndThePathIsMerged()
    {
        var attributes = Decode(TwoOctetSession,
            Attribute(0x40, PathAttributeType.AsPath, Sequence(2, 3356, AsTrans)),
            Attribute(0xC0, PathAttributeType.Aggregator, Join(U16((int)AsTrans), Address("192.0.2.7"))),
            Attribute(0xC0, PathAttributeType.As4Aggregator, Join(U32(200_000), Address("192.0.2.7"))),
            Attribute(0xC0, PathAttributeType.As4Path, Sequence(4, 200_000)));

        Assert.Equal(200_000u, attributes.AggregatorAsn);
        Assert.Equal("192.0.2.7", attributes.AggregatorAddress.ToString());
        Assert.Equal("3356 200000", attributes.AsPath.ToString());
    }

    [Fact]
    public void AnAggregatorOtherThanAsTransMeansBothAs4AttributesAreIgnored()
    {
        var attributes = Decode(TwoOctetSession,
            Attribute(0x40, PathAttributeType.AsPath, Sequence(2, 3356, AsTrans)),
            Attribute(0xC0, PathAttributeType.Aggregator, Join(U16(64512), Address("192.0.2.7"))),
            Attribute(0xC0, PathAttributeType.As4Aggregator, Join(U32(200_000), Address("192.0.2.8"))),
            Attribute(0xC0, PathAttributeType.As4Path, Sequence(4, 200_000)));

        Assert.Equal(64512u, attributes.AggregatorAsn);
        Assert.False(attributes.AsPathIsMerged);
        Assert.Equal("3356 23456", attributes.AsPath.ToString());
    }

    [Fact]
    public void On4OctetSessionsAs4PathIsIgnored()
    {
        var attributes = Decode(new BgpDecodeContext(FourOctetAsn: true),
            Attribute(0x40, PathAttributeType.AsPath, Sequence(4, 3356, 200_000)),
            Attribute(0xC0, PathAttributeType.As4Path, Sequence(4, 1)));

        Assert.False(attributes.AsPathIsMerged);
        Assert.Equal("3356 200000", attributes.AsPath.ToString());
    }

    [Fact]
    public void ConfederationSegmentsAreKeptButNotCounted()
    {
        var attributes = Decode(TwoOctetSession,
            Attribute(0x40, PathAttributeType.AsPath, AsPath(2, (AsPathSegmentType.AsConfedSequence, [65001, 65002]), (AsPathSegmentType.AsSequence, [701, AsTrans]))),
            Attribute(0xC0, PathAttributeType.As4Path, Sequence(4, 200_000)));

        Assert.Equal("(65001 65002) 701 200000", attributes.AsPath.ToString());
    }
}
