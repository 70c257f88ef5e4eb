using Xunit.Abstractions;

namespace Grid.Bgp.Tests.Lab;

[Trait("needs", "bgp-daemons")]
public sealed class GoBgpMrtCaptureTests(GoBgpCapture fixture, ITestOutputHelper output) : MrtCaptureSpecification(fixture, output), IClassFixture<GoBgpCapture>
{
    protected override int PeerIndexTables => 1;

    // No OPEN, KEEPALIVE or state change: GoBGP's MRT writer watches UPDATEs only.
    protected override string[] UpdateRecordKinds => ["BGP4MP/MESSAGE_AS4"];
}
