using Grid.Bgp.Model;

namespace Grid.Grains.Visibility;

/// <summary>
/// IODA's rule: a prefix is visible when more than <see cref="VisibilityOptions.VisibleFraction"/>
/// of the full-feed peers of its family see it. With no full-feed peer nothing is visible: a
/// partial table says nothing about what the world can reach.
/// </summary>
public sealed class VisibilityRule(double visibleFraction)
{
    private PeerSet _ipv4 = new();
    private PeerSet _ipv6 = new();
    private int _ipv4Count;
    private int _ipv6Count;

    public long Version { get; private set; } = -1;

    public void Adopt(FullFeedSet set, Func<string, int> indexOf)
    {
        Version = set.Version;
        _ipv4 = Members(set.IPv4Peers, indexOf);
        _ipv6 = Members(set.IPv6Peers, indexOf);
        _ipv4Count = set.IPv4Peers.Length;
        _ipv6Count = set.IPv6Peers.Length;
    }

    public bool IsVisible(Prefix prefix, in PeerSet seenBy) => prefix.IsIPv4
        ? _ipv4Count > 0 && seenBy.CountShared(in _ipv4) > visibleFraction * _ipv4Count
        : _ipv6Count > 0 && seenBy.CountShared(in _ipv6) > visibleFraction * _ipv6Count;

    private static PeerSet Members(string[] peers, Func<string, int> indexOf)
    {
        var members = new PeerSet();
        foreach (var peer in peers)
        {
            members.Add(indexOf(peer));
        }

        return members;
    }
}
