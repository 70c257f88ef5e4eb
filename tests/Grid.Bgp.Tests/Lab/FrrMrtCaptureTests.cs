using Xunit.Abstractions;

namespace Grid.Bgp.Tests.Lab;

[Trait("needs", "bgp-daemons")]
public sealed class FrrMrtCaptureTests(FrrCapture fixture, ITestOutputHelper output) : MrtCaptureSpecification(fixture, output), IClassFixture<FrrCapture>
{
    // One dump for both families, after one peer index.
    protected override int PeerIndexTables => 1;

    // `dump bgp all`: the OPEN before AS4 is agreed (MESSAGE), state changes, then AS4 messages.
    protected override string[] UpdateRecordKinds => ["BGP4MP/MESSAGE", "BGP4MP/MESSAGE_AS4", "BGP4MP/STATE_CHANGE_AS4"];
}
