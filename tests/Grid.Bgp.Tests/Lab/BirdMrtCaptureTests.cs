using Xunit.Abstractions;

namespace Grid.Bgp.Tests.Lab;

[Trait("needs", "bgp-daemons")]
public sealed class BirdMrtCaptureTests(BirdCapture fixture, ITestOutputHelper output) : MrtCaptureSpecification(fixture, output), IClassFixture<BirdCapture>
{
    // `mrt dump table "master*"` appends master4's dump, then master6's, each after its own peer index.
    protected override int PeerIndexTables => 2;

    // mrtdump is a wire log: the OPEN before AS4 is agreed (MESSAGE), state changes, then AS4 messages.
    protected override string[] UpdateRecordKinds => ["BGP4MP/MESSAGE", "BGP4MP/MESSAGE_AS4", "BGP4MP/STATE_CHANGE_AS4"];
}
