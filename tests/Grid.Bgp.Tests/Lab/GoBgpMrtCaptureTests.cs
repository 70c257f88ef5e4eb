using Grid.Testing.Lab;
using Xunit.Abstractions;

namespace Grid.Bgp.Tests.Lab;

[Trait("needs", "bgp-daemons")]
public sealed class GoBgpMrtCaptureTests(GoBgpCapture fixture, ITestOutputHelper output) : MrtCaptureSpecification(fixture, output), IClassFixture<GoBgpCapture>
{
    [Fact]
    public void GoBgpDumpsOneSnapshotAndLogsOnlyUpdates()
    {
        var (rib, updates) = RecordKinds();

        Assert.Equal(1, rib["TABLE_DUMP_V2/PEER_INDEX_TABLE"]);
        Assert.Equal(Capture.Set.IPv4Count, rib["TABLE_DUMP_V2/RIB_IPV4_UNICAST"]);
        Assert.Equal(Capture.Set.IPv6Count, rib["TABLE_DUMP_V2/RIB_IPV6_UNICAST"]);
        // No OPEN, KEEPALIVE or state change: GoBGP's MRT writer watches UPDATEs only.
        Assert.Equal(["BGP4MP/MESSAGE_AS4"], updates.Keys);
    }
}
