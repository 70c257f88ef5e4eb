using System.Net;
using System.Runtime.CompilerServices;
using Grid.Bgp.Model;

namespace Grid.Bgp.Messages;

/// <summary>
/// Flattens one decoded UPDATE into <see cref="RouteElement"/>s, one per prefix: withdrawals first
/// (Withdrawn Routes, then MP_UNREACH_NLRI), then announcements (NLRI, then MP_REACH_NLRI), as
/// RFC 4271 §9 processes them. Only unicast counts for visibility (RFC 4760 families other than
/// IPv4/IPv6 unicast are left out). Shared by the MRT and BMP readers and by BGP sessions, so all
/// feeds agree.
/// </summary>
internal static class UpdateRouteElements
{
    /// <param name="announcementsWithdrawn">RFC 7606 treat-as-withdraw: the UPDATE's announcements count as withdrawals.</param>
    /// <param name="paths">With ADD-PATH (RFC 7911), the peer's paths per prefix, so that a prefix goes only with its last path.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Add(BgpUpdate update, DateTimeOffset time, IPAddress peer, uint peerAsn, List<RouteElement> into,
        bool announcementsWithdrawn = false, AddPathTable? paths = null)
    {
        var attributes = update.Attributes;
        var site = new Site(time, peer, peerAsn, into, paths);
        site.Add(update.Withdrawn, RouteAction.Withdraw, 0);
        if (attributes.Has(PathAttributeType.MpUnreachNlri) && IsUnicast(attributes.MpUnreach))
        {
            site.Add(attributes.MpUnreach.Nlri, RouteAction.Withdraw, 0);
        }
        var reach = attributes.Has(PathAttributeType.MpReachNlri) && IsUnicast(attributes.MpReach);
        if (!update.Announced.IsEmpty || reach)
        {
            var (action, origin) = announcementsWithdrawn ? (RouteAction.Withdraw, 0u) : (RouteAction.Announce, attributes.AsPath.OriginAsn);
            site.Add(update.Announced, action, origin);
            if (reach)
            {
                site.Add(attributes.MpReach.Nlri, action, origin);
            }
        }
    }

    private static bool IsUnicast(MultiprotocolNlri nlri) => nlri.Afi is Afi.IPv4 or Afi.IPv6 && nlri.Safi == Safi.Unicast;

    private readonly record struct Site(DateTimeOffset Time, IPAddress Peer, uint PeerAsn, List<RouteElement> Into, AddPathTable? Paths)
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(NlriReader nlri, RouteAction action, uint origin)
        {
            while (nlri.TryRead(out var raw))
            {
                if (!raw.IsValid)
                {
                    continue;
                }
                var prefix = raw.ToPrefix();
                if (Paths is not null && nlri.HasPathIds)
                {
                    if (action == RouteAction.Announce)
                    {
                        Paths.Add(prefix, raw.PathId);
                    }
                    else if (!Paths.Remove(prefix, raw.PathId))
                    {
                        // A withdrawn path may leave others: only the prefix's last path withdraws it.
                        continue;
                    }
                }
                Into.Add(new RouteElement(Time, Peer, PeerAsn, prefix, action, origin));
            }
        }
    }
}
