using System.Globalization;

namespace Grid.Silo.Tests.Oracle;

/// <summary>
/// IODA's visibility rule replayed over <c>bgpdump -m</c> text in the order the silo replays MRT
/// files: the RIB's routes (<c>B</c>) make each peer's table, peers with more than the threshold
/// of IPv4 prefixes are full-feed, and a prefix is visible when more than the fraction of them
/// see it; then each update (<c>A</c>, <c>W</c>) changes its peer's table, in file order.
/// IPv4 only. The full-feed set is taken at the RIB's end and must not change during the updates
/// (no member falls to the threshold, no other peer passes it), which is checked: the oracle then
/// needs none of the settling rules a peer's joining follows.
/// </summary>
internal sealed class ReplayedVisibility
{
    private readonly Dictionary<string, HashSet<AddressSpan>> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<AddressSpan, int> _seenByFullFeed = [];
    private readonly List<(DateTimeOffset At, AddressSpan Prefix, bool Visible)> _changes = [];
    private readonly int _threshold;
    private readonly double _fraction;
    private HashSet<string> _fullFeed = new(StringComparer.Ordinal);

    private ReplayedVisibility(int threshold, double fraction) => (_threshold, _fraction) = (threshold, fraction);

    public IReadOnlySet<string> FullFeedPeers => _fullFeed;

    /// <summary>Route lines read (<c>B</c>, <c>A</c> and <c>W</c>, both families): one element each, as the silo's replay counts them.</summary>
    public long Routes { get; private set; }

    /// <summary>Route lines of the RIB: once the silo's replay counts more elements, it is in the updates.</summary>
    public long RibRoutes { get; private set; }

    public DateTimeOffset RibTime { get; private set; }

    /// <summary>The time of the last update: the paced replay ends there.</summary>
    public DateTimeOffset LastUpdateTime { get; private set; }

    /// <summary>Prefixes visible at the end of the RIB.</summary>
    public IReadOnlyCollection<AddressSpan> VisibleAfterRib { get; private set; } = [];

    /// <summary>Each update that made a prefix visible or invisible, in replay order.</summary>
    public IReadOnlyList<(DateTimeOffset At, AddressSpan Prefix, bool Visible)> Changes => _changes;

    public static ReplayedVisibility Replay(IEnumerable<string> ribLines, IEnumerable<string> updateLines, int fullFeedIPv4, double fraction = 0.5)
    {
        var replay = new ReplayedVisibility(fullFeedIPv4, fraction);
        foreach (var line in ribLines)
        {
            if (replay.Parse(line) is ('B', var at, var peer, var prefix))
            {
                replay.RibTime = at > replay.RibTime ? at : replay.RibTime;
                replay.TableOf(peer).Add(prefix);
            }
        }

        replay.RibRoutes = replay.Routes;
        replay._fullFeed = replay._tables.Where(t => t.Value.Count > fullFeedIPv4).Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var peer in replay._fullFeed)
        {
            foreach (var prefix in replay._tables[peer])
            {
                replay._seenByFullFeed[prefix] = replay._seenByFullFeed.GetValueOrDefault(prefix) + 1;
            }
        }

        replay.VisibleAfterRib = replay._seenByFullFeed.Keys.Where(replay.IsVisible).ToList();
        foreach (var line in updateLines)
        {
            if (replay.Parse(line) is (var kind and ('A' or 'W'), var at, var peer, var prefix))
            {
                replay.LastUpdateTime = at > replay.LastUpdateTime ? at : replay.LastUpdateTime;
                replay.Apply(kind, at, peer, prefix);
            }
        }

        return replay;
    }

    /// <summary>Prefixes visible after every update.</summary>
    public IEnumerable<AddressSpan> VisibleAtEnd() => _seenByFullFeed.Keys.Where(IsVisible);

    private void Apply(char kind, DateTimeOffset at, string peer, AddressSpan prefix)
    {
        var table = TableOf(peer);
        var changed = kind == 'A' ? table.Add(prefix) : table.Remove(prefix);
        Assert.True(_fullFeed.Contains(peer) == table.Count > _threshold, $"peer {peer} crossed the full-feed threshold ({_threshold}) at {at:u}: choose files or a threshold that keep the full-feed set fixed");
        if (!changed || !_fullFeed.Contains(peer))
        {
            return;
        }

        var before = IsVisible(prefix);
        _seenByFullFeed[prefix] = _seenByFullFeed.GetValueOrDefault(prefix) + (kind == 'A' ? 1 : -1);
        if (IsVisible(prefix) != before)
        {
            _changes.Add((at, prefix, !before));
        }
    }

    private bool IsVisible(AddressSpan prefix) => _fullFeed.Count > 0 && _seenByFullFeed.GetValueOrDefault(prefix) > _fraction * _fullFeed.Count;

    private HashSet<AddressSpan> TableOf(string peer)
    {
        if (!_tables.TryGetValue(peer, out var table))
        {
            _tables[peer] = table = [];
        }

        return table;
    }

    /// <summary>
    /// <c>TABLE_DUMP2|time|B|peer|peer_as|prefix|…</c> or <c>BGP4MP|time|A|peer|peer_as|prefix|…</c>;
    /// a route line of either family counts as read, an IPv6 one then gives no IPv4 prefix.
    /// </summary>
    private (char Kind, DateTimeOffset At, string Peer, AddressSpan Prefix)? Parse(string line)
    {
        var fields = line.Split('|');
        if (fields.Length < 6 || fields[2] is not ("B" or "A" or "W"))
        {
            return null;
        }

        Routes++;
        var at = DateTimeOffset.FromUnixTimeSeconds(long.Parse(fields[1], CultureInfo.InvariantCulture));
        return AddressSpan.ParseIPv4(fields[5]) is { } prefix ? (fields[2][0], at, $"{fields[3]} AS{fields[4]}", prefix) : null;
    }
}
