using Grid.Testing.Lab;
using Xunit.Abstractions;

namespace Grid.Bgp.Tests.Lab;

[Trait("needs", "bgp-daemons")]
public sealed class FrrMrtCaptureTests(FrrCapture fixture, ITestOutputHelper output) : MrtCaptureSpecification(fixture, output), IClassFixture<FrrCapture>
{
    [Fact]
    public void FrrDumpsBothFamiliesAfterOnePeerIndexAndLogsTheWholeSession()
    {
        var (rib, updates) = RecordKinds();

        Assert.Equal(1, rib["TABLE_DUMP_V2/PEER_INDEX_TABLE"]);
        Assert.Equal(Capture.Set.IPv4Count, rib["TABLE_DUMP_V2/RIB_IPV4_UNICAST"]);
        Assert.Equal(Capture.Set.IPv6Count, rib["TABLE_DUMP_V2/RIB_IPV6_UNICAST"]);
        // `dump bgp all`: the OPEN before AS4 is agreed (MESSAGE), state changes, then AS4 messages.
        Assert.Equal(["BGP4MP/MESSAGE", "BGP4MP/MESSAGE_AS4", "BGP4MP/STATE_CHANGE_AS4"], updates.Keys);
    }
}
