using Grid.Bgp.Messages;
using Grid.Bgp.Model;
using static Grid.Bgp.Tests.Messages.BgpMessageFramingTests;

namespace Grid.Bgp.Tests.Messages;

/// <summary>ROUTE-REFRESH (RFC 2918 §3) and its Enhanced subtypes (RFC 7313).</summary>
public sealed class BgpRouteRefreshTests
{
    [Fact]
    public void ARouteRefreshIs23Octets()
    {
        var message = new BgpRouteRefresh(BgpFamily.IPv6Unicast).Encode();

        Assert.Equal(new string('F', 32) + "0017" + "05" + "0002" + "00" + "01", Convert.ToHexString(message));
        var decoded = BgpRouteRefresh.Decode(BgpMessageFraming.Decode(message, out var header));
        Assert.Equal(BgpMessageType.RouteRefresh, header.Type);
        Assert.Equal(new BgpRouteRefresh(BgpFamily.IPv6Unicast), decoded);
    }

    [Fact]
    public void EnhancedRouteRefreshMarksTheEnd()
    {
        var refresh = new BgpRouteRefresh(BgpFamily.IPv4Unicast, BgpRouteRefreshSubtype.EndOfRouteRefresh);

        Assert.Equal("00010201", Convert.ToHexString(refresh.EncodeBody()));
        Assert.Equal(refresh, BgpRouteRefresh.Decode(refresh.EncodeBody()));
    }

    [Fact]
    public void AnyOtherLengthIsARouteRefreshErrorCarryingTheMessage()
    {
        AssertNotification(() => BgpRouteRefresh.Decode([0, 1, 0, 1, 0]), BgpErrorCode.RouteRefreshMessageError, 1,
            new string('F', 32) + "0018" + "05" + "0001000100");
    }
}
