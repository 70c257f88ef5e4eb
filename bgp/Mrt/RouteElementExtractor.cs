using System.Runtime.CompilerServices;
using System.Net;
using Grid.Bgp.Messages;
using Grid.Bgp.Model;
using Grid.Bgp.Mrt.Model;

namespace Grid.Bgp.Mrt;

/// <summary>
/// Flattens decoded records into <see cref="RouteElement"/>s, one per prefix: RIB routes become
/// announcements, UPDATEs give withdrawals then announcements (<see cref="UpdateRouteElements"/>,
/// shared with BMP). Only unicast routes count for visibility; messages the collector itself sent
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
            UpdateRouteElements.Add(message.Update, time, Intern(message.PeerAddress), message.PeerAsn, into);
        }
    }

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
}
