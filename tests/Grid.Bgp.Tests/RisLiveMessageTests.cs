using System.Text;
using Grid.Bgp.Model;
using Grid.Bgp.RisLive;
using Grid.Testing.Data;

namespace Grid.Bgp.Tests;

/// <summary>RIS Live messages from ../shared/data/live, the format RIPE's server sends.</summary>
public sealed class RisLiveMessageTests
{
    private static readonly string[] Lines = File.ReadAllLines(SharedData.PathOf("live/ris-live-ris_message.bgpkit-tests.jsonl"));

    [Fact]
    public void AnnouncementsBecomeElementsWithTheLastPathAsnAsOrigin()
    {
        var elements = new List<RouteElement>();

        var message = RisLiveMessage.Read(Encoding.UTF8.GetBytes(Lines[1]), elements);

        Assert.Equal(RisLiveMessageKind.Update, message.Kind);
        Assert.Equal("rrc21", message.Collector);
        var element = Assert.Single(elements);
        Assert.Equal(Prefix.Parse("64.68.236.0/22"), element.Prefix);
        Assert.Equal(13904u, element.OriginAsn);
        Assert.Equal(199524u, element.PeerAsn);
        Assert.Equal("37.49.237.175", element.PeerAddress.ToString());
        Assert.Equal(RouteAction.Announce, element.Action);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1636342486170), element.Timestamp);
    }

    [Fact]
    public void WithdrawalsBecomeWithdrawElements()
    {
        var elements = new List<RouteElement>();

        RisLiveMessage.Read(Encoding.UTF8.GetBytes(Lines[3]), elements);

        var element = Assert.Single(elements);
        Assert.Equal(RouteAction.Withdraw, element.Action);
        Assert.Equal(Prefix.Parse("2605:de00:bb::/48"), element.Prefix);
    }

    [Fact]
    public void EveryRecordedMessageReads()
    {
        var elements = new List<RouteElement>();

        Assert.All(Lines, line => Assert.Equal(RisLiveMessageKind.Update, RisLiveMessage.Read(Encoding.UTF8.GetBytes(line), elements).Kind));
        Assert.Equal(5, elements.Count);
    }

    [Fact]
    public void APathEndingInAnAsSetHasNoSingleOrigin()
    {
        var elements = new List<RouteElement>();
        var json = Lines[1].Replace("13904,13904]", "13904,[64500,64501]]", StringComparison.Ordinal);

        RisLiveMessage.Read(Encoding.UTF8.GetBytes(json), elements);

        Assert.Equal(0u, Assert.Single(elements).OriginAsn);
    }

    [Theory]
    [InlineData("""{"type":"ris_error","data":{"message":"Unknown subscription"}}""", RisLiveMessageKind.Error)]
    [InlineData("""{"type":"pong","data":null}""", RisLiveMessageKind.Other)]
    [InlineData("""{"type":"ris_message","data":{"type":"KEEPALIVE","host":"rrc00"}}""", RisLiveMessageKind.Other)]
    [InlineData("""{"type":"ris_message","data":{"type":"UPDATE","timestamp":"x"}}""", RisLiveMessageKind.Error)]
    [InlineData("""{"type":"ris_message","data":{"type":"UPDATE","timestamp":1,"peer":"not an ip","peer_asn":"1"}}""", RisLiveMessageKind.Error)]
    [InlineData("not json", RisLiveMessageKind.Error)]
    public void OtherMessagesAndBrokenOnesAreReportedNotThrown(string json, RisLiveMessageKind kind)
    {
        var elements = new List<RouteElement>();

        Assert.Equal(kind, RisLiveMessage.Read(Encoding.UTF8.GetBytes(json), elements).Kind);
        Assert.Empty(elements);
    }
}
