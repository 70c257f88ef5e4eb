using Grid.Bgp.Messages;
using Grid.Bgp.Model;
using Grid.Bgp.Mrt;
using Grid.Bgp.Mrt.Model;
using Grid.Testing.Data;
using static Grid.Testing.Mrt.WireBytes;

namespace Grid.Bgp.Tests.Messages;

/// <summary>The End-of-RIB marker of Graceful Restart (RFC 4724 §2).</summary>
public sealed class EndOfRibTests
{
    private static BgpUpdate Decode(byte[] body)
    {
        var update = new BgpUpdate();
        BgpUpdateDecoder.Decode(body, new BgpDecodeContext(FourOctetAsn: true), update);
        return update;
    }

    [Fact]
    public void AnEmptyUpdateEndsTheIPv4UnicastRib()
    {
        Assert.True(Decode([0, 0, 0, 0]).IsEndOfRib(out var afi, out var safi));
        Assert.Equal((Afi.IPv4, Safi.Unicast), (afi, safi));
    }

    [Fact]
    public void AnEmptyMpUnreachEndsItsFamilysRib()
    {
        // Flags 0x80 (optional), type 15, length 3: AFI 2, SAFI 1 (RFC 4724 §2).
        var update = Decode(Convert.FromHexString("0000" + "0006" + "800F03000201"));

        Assert.True(update.IsEndOfRib(out var afi, out var safi));
        Assert.Equal((Afi.IPv6, Safi.Unicast), (afi, safi));
        Assert.True(Decode(Convert.FromHexString("0000" + "0007" + "900F0003000201")).IsEndOfRib(out afi, out _));
        Assert.Equal(Afi.IPv6, afi);
    }

    [Fact]
    public void AnythingElseIsNotAnEndOfRib()
    {
        Assert.False(Decode(UpdateBody(Nlri("10.0.0.0/8"), [], [])).IsEndOfRib(out _, out _));
        Assert.False(Decode(UpdateBody([], [], Nlri("10.0.0.0/8"))).IsEndOfRib(out _, out _));
        Assert.False(Decode(UpdateBody([], Attribute(0x40, PathAttributeType.Origin, 0), [])).IsEndOfRib(out _, out _));
        // MP_UNREACH withdrawing 2001:db8::/32.
        Assert.False(Decode(Convert.FromHexString("0000" + "000B" + "800F08000201" + "2020010DB8")).IsEndOfRib(out _, out _));
        // An empty MP_UNREACH beside another attribute.
        Assert.False(Decode(Convert.FromHexString("0000" + "000A" + "800F03000201" + "40010100")).IsEndOfRib(out _, out _));
    }

    [Fact]
    public void FrrEndsItsIPv6ThenIPv4RibsInItsCapture()
    {
        // ../shared/lab/bgp-lab/frr-updates.mrt holds only UPDATEs (no OPEN): FRR's End-of-RIB for IPv6 unicast (record 213), then IPv4 (record 598).
        using var reader = MrtReader.Open(Path.Combine(SharedData.BgpLabDirectory, "frr-updates.mrt"));
        var ends = new List<(Afi, Safi)>();
        while (reader.Read())
        {
            var message = reader.Current.Message;
            if (reader.Current.Kind == MrtEntryKind.Bgp4mpMessage && message.MessageType == BgpMessageType.Update
                && message.Update.IsEndOfRib(out var afi, out var safi))
            {
                ends.Add((afi, safi));
            }
        }

        Assert.Equal([(Afi.IPv6, Safi.Unicast), (Afi.IPv4, Safi.Unicast)], ends);
    }
}
