using System.Net;
using Grid.Bgp.Messages;
using Grid.Bgp.Model;
using Grid.Bgp.Session.ErrorHandling;

namespace Grid.Bgp.Session;

/// <summary>
/// Turns an UPDATE received on a session into route elements: withdrawals first (RFC 4271 §9.1:
/// the Withdrawn Routes field and MP_UNREACH_NLRI, RFC 4760 §4), then announcements (NLRI and
/// MP_REACH_NLRI). Under treat-as-withdraw (RFC 7606 §2) the announcements become withdrawals.
/// Only IPv4 and IPv6 unicast count for visibility.
/// </summary>
internal sealed class UpdateRouteElements(IPAddress peer, uint peerAsn, AddPathTable? addPaths)
{
    public void Extract(BgpUpdate update, UpdateVerdict verdict, DateTimeOffset time, List<RouteElement> into)
    {
        var attributes = update.Attributes;
        Add(update.Withdrawn, RouteAction.Withdraw, 0, time, into);
        if (attributes.Has(PathAttributeType.MpUnreachNlri) && IsUnicast(attributes.MpUnreach))
        {
            Add(attributes.MpUnreach.Nlri, RouteAction.Withdraw, 0, time, into);
        }

        var action = verdict.WithdrawsAnnouncements ? RouteAction.Withdraw : RouteAction.Announce;
        var origin = action == RouteAction.Announce ? attributes.AsPath.OriginAsn : 0;
        Add(update.Announced, action, origin, time, into);
        if (attributes.Has(PathAttributeType.MpReachNlri) && IsUnicast(attributes.MpReach))
        {
            Add(attributes.MpReach.Nlri, action, origin, time, into);
        }
    }

    private static bool IsUnicast(MultiprotocolNlri nlri) => nlri.Afi is Afi.IPv4 or Afi.IPv6 && nlri.Safi == Safi.Unicast;

    private void Add(NlriReader nlri, RouteAction action, uint origin, DateTimeOffset time, List<RouteElement> into)
    {
        while (nlri.TryRead(out var raw))
        {
            if (!raw.IsValid)
            {
                continue;
            }
            var prefix = raw.ToPrefix();
            if (addPaths is not null && nlri.HasPathIds)
            {
                // A withdrawn path may leave others; an added path may join others: only the first and last count.
                var changes = action == RouteAction.Announce ? addPaths.Add(prefix, raw.PathId) : addPaths.Remove(prefix, raw.PathId);
                if (!changes && action == RouteAction.Withdraw)
                {
                    continue;
                }
            }
            into.Add(new RouteElement(time, peer, peerAsn, prefix, action, origin));
        }
    }
}
