using System.Net;
using Grid.Bgp.Messages;
using Grid.Bgp.Model;
using Grid.Bgp.Session.ErrorHandling;
using static Grid.Testing.Mrt.WireBytes;

namespace Grid.Bgp.Tests.Messages;

/// <summary>How a session's UPDATEs become route elements: treat-as-withdraw, and ADD-PATH's several paths per prefix.</summary>
public sealed class UpdateRouteElementsTests
{
    private static readonly IPAddress Peer = IPAddress.Parse("192.0.2.7");
    private static readonly BgpDecodeContext AddPath = new(FourOctetAsn: true, AddPath: AddPathFamilies.IPv4Unicast);
    private static readonly byte[] Attributes = Join(
        Attribute(0x40, PathAttributeType.Origin, 0),
        Attribute(0x40, PathAttributeType.AsPath, Sequence(4, 64501, 64500)),
        Attribute(0x40, PathAttributeType.NextHop, Address("198.51.100.1")));

    [Fact]
    public void APrefixIsWithdrawnOnlyWhenItsLastPathIs()
    {
        var paths = new AddPathTable();
        var announced = Extract(paths, UpdateBody([], Attributes, NlriWithPathIds((1, "100.64.1.0/24"), (2, "100.64.1.0/24"))), AddPath);
        Assert.Equal([RouteAction.Announce, RouteAction.Announce], announced.Select(e => e.Action));
        Assert.All(announced, e => Assert.Equal(64500u, e.OriginAsn));

        Assert.Empty(Extract(paths, UpdateBody(NlriWithPathIds((1, "100.64.1.0/24")), [], []), AddPath));
        // A path never announced changes nothing either.
        Assert.Empty(Extract(paths, UpdateBody(NlriWithPathIds((9, "100.64.1.0/24")), [], []), AddPath));
        var last = Assert.Single(Extract(paths, UpdateBody(NlriWithPathIds((2, "100.64.1.0/24")), [], []), AddPath));
        Assert.Equal((Prefix.Parse("100.64.1.0/24"), RouteAction.Withdraw), (last.Prefix, last.Action));
    }

    [Fact]
    public void TreatAsWithdrawTurnsEveryAnnouncementIntoAWithdrawal()
    {
        var update = new BgpUpdate();
        var body = UpdateBody(Nlri("100.64.9.0/24"), Attributes, Nlri("100.64.1.0/24", "100.64.2.0/24"));
        BgpUpdateDecoder.Decode(body, new BgpDecodeContext(FourOctetAsn: true), update);
        var routes = new List<RouteElement>();
        UpdateRouteElements.Add(update, DateTimeOffset.UnixEpoch, Peer, 64501, routes, announcementsWithdrawn: true);
        Assert.Equal(3, routes.Count);
        Assert.All(routes, route => Assert.Equal((RouteAction.Withdraw, 0u), (route.Action, route.OriginAsn)));
    }

    private static List<RouteElement> Extract(AddPathTable paths, byte[] body, BgpDecodeContext context)
    {
        var update = new BgpUpdate();
        BgpUpdateDecoder.Decode(body, context, update);
        var routes = new List<RouteElement>();
        UpdateRouteElements.Add(update, DateTimeOffset.UnixEpoch, Peer, 64501, routes, UpdateChecker.Check(body, context).WithdrawsAnnouncements, paths);
        return routes;
    }
}
