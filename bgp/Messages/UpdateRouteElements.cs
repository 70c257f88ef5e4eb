using System.Net;
using System.Runtime.CompilerServices;
using Grid.Bgp.Model;

namespace Grid.Bgp.Messages;

/// <summary>
/// Flattens one decoded UPDATE into <see cref="RouteElement"/>s, one per prefix: withdrawals first
/// (Withdrawn Routes, then MP_UNREACH_NLRI), then announcements (NLRI, then MP_REACH_NLRI), as
/// RFC 4271 §9 processes them. Only unicast counts for visibility (RFC 4760 families other than
/// IPv4/IPv6 unicast are left out). Shared by the MRT and BMP readers, so both feeds agree.
/// </summary>
internal static class UpdateRouteElements
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Add(BgpUpdate update, DateTimeOffset time, IPAddress peer, uint peerAsn, List<RouteElement> into)
    {
        var attributes = update.Attributes;
        var site = new Site(time, peer, peerAsn, into);
        site.Add(update.Withdrawn, RouteAction.Withdraw, 0);
        if (attributes.Has(PathAttributeType.MpUnreachNlri) && IsUnicast(attributes.MpUnreach))
        {
            site.Add(attributes.MpUnreach.Nlri, RouteAction.Withdraw, 0);
        }
        var reach = attributes.Has(PathAttributeType.MpReachNlri) && IsUnicast(attributes.MpReach);
        if (!update.Announced.IsEmpty || reach)
        {
            var origin = attributes.AsPath.OriginAsn;
            site.Add(update.Announced, RouteAction.Announce, origin);
            if (reach)
            {
                site.Add(attributes.MpReach.Nlri, RouteAction.Announce, origin);
            }
        }
    }

    private static bool IsUnicast(MultiprotocolNlri nlri) => nlri.Afi is Afi.IPv4 or Afi.IPv6 && nlri.Safi == Safi.Unicast;

    private readonly record struct Site(DateTimeOffset Time, IPAddress Peer, uint PeerAsn, List<RouteElement> Into)
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(NlriReader nlri, RouteAction action, uint origin)
        {
            while (nlri.TryRead(out var prefix))
            {
                if (prefix.IsValid)
                {
                    Into.Add(new RouteElement(Time, Peer, PeerAsn, prefix.ToPrefix(), action, origin));
                }
            }
        }
    }
}
