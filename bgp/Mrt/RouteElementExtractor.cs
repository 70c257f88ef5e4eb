using System.Runtime.CompilerServices;
using System.Net;
using Grid.Bgp.Messages;
using Grid.Bgp.Model;
using Grid.Bgp.Mrt.Model;

namespace Grid.Bgp.Mrt;

/// <summary>
/// Flattens decoded records into <see cref="RouteElement"/>s, one per prefix: RIB routes become
/// announcements, UPDATEs give withdrawals then announcements (IPv4 fields and MP_REACH/MP_UNREACH,
/// RFC 4760). Only unicast routes count for visibility; messages the collector itself sent
/// (_LOCAL subtypes) are not what a peer saw and are left out. Peer addresses of BGP4MP records
/// are interned so an element costs no allocation.
/// </summary>
internal sealed class RouteElementExtractor
{
    private const int MaxInternedAddresses = 65536;
    private readonly Dictionary<IPAddressValue, IPAddress> _addresses = [];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Extract(MrtEntry entry, List<RouteElement> into)
    {
        var time = entry.Header.Time;
        if (entry.Kind == MrtEntryKind.Rib)
        {
            var rib = entry.Rib;
            if (rib.Safi != Safi.Unicast || !rib.Prefix.IsValid)
            {
                return;
            }
            var prefix = rib.Prefix.ToPrefix();
            foreach (var route in rib.Routes)
            {
                into.Add(new RouteElement(time, route.Peer.IPAddress, route.Peer.Asn, prefix, RouteAction.Announce,
                    route.Attributes.AsPath.OriginAsn));
            }
        }
        else if (entry.Kind == MrtEntryKind.Bgp4mpMessage && entry.Message is { IsLocal: false, MessageType: BgpMessageType.Update } message)
        {
            var peer = Intern(message.PeerAddress);
            var update = message.Update;
            var attributes = update.Attributes;
            var site = new Site(time, peer, message.PeerAsn, into);
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
    }

    private static bool IsUnicast(MultiprotocolNlri nlri) => nlri.Afi is Afi.IPv4 or Afi.IPv6 && nlri.Safi == Safi.Unicast;

    private IPAddress Intern(IPAddressValue address)
    {
        if (_addresses.TryGetValue(address, out var interned))
        {
            return interned;
        }
        if (_addresses.Count >= MaxInternedAddresses)
        {
            _addresses.Clear();
        }
        return _addresses[address] = address.ToIPAddress();
    }

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
