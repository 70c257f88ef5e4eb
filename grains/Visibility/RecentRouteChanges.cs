using Grid.Bgp.Model;

namespace Grid.Grains.Visibility;

/// <summary>
/// A shard's last live changes, kept for evidence: a fixed ring, so memory is bounded whatever the
/// update rate (capacity × 48 bytes, allocated at the first live change), and the oldest change goes first. Table loads are not kept: a
/// RIB says what was there, not what changed. A withdrawal keeps the origin its route had, so it
/// can be told which AS it took space from.
/// </summary>
public sealed class RecentRouteChanges(int capacity)
{
    private Entry[] _ring = [];
    private int _next;
    private int _count;

    public int Count => _count;

    public void Add(DateTimeOffset at, int peer, Prefix prefix, RouteAction action, uint origin) =>
        Add(new Entry(at.UtcTicks, peer, prefix, action, origin, PeerDown: false));

    public void AddPeerDown(DateTimeOffset at, int peer) => Add(new Entry(at.UtcTicks, peer, default, RouteAction.Withdraw, 0, PeerDown: true));

    /// <summary>
    /// The kept changes in [<paramref name="from"/>, <paramref name="to"/>] that <paramref name="touches"/>
    /// accepts (every peer-down is kept: it took the peer's routes of every entity), oldest first,
    /// at most the newest <paramref name="max"/>.
    /// </summary>
    public List<ShardRouteChange> Between(DateTimeOffset from, DateTimeOffset to, int max, Func<Prefix, uint, bool> touches, Func<int, string> peerKey)
    {
        var found = new List<ShardRouteChange>();
        for (var i = 0; i < _count && found.Count < max; i++)
        {
            // Newest first, so the cap keeps the changes nearest the onset's end of the window.
            var entry = _ring[(_next - 1 - i + _ring.Length) % _ring.Length];
            if (entry.Ticks < from.UtcTicks || entry.Ticks > to.UtcTicks || !entry.PeerDown && !touches(entry.Prefix, entry.Origin))
            {
                continue;
            }
            found.Add(new ShardRouteChange(new DateTimeOffset(entry.Ticks, TimeSpan.Zero), peerKey(entry.Peer), entry.Prefix, entry.Action, entry.Origin, entry.PeerDown));
        }
        found.Reverse();
        return found;
    }

    private void Add(Entry entry)
    {
        if (_ring.Length == 0)
        {
            if (capacity <= 0)
            {
                return;
            }
            _ring = new Entry[capacity];
        }
        _ring[_next] = entry;
        _next = (_next + 1) % _ring.Length;
        _count = Math.Min(_count + 1, _ring.Length);
    }

    private readonly record struct Entry(long Ticks, int Peer, Prefix Prefix, RouteAction Action, uint Origin, bool PeerDown);
}
