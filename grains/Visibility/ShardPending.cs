namespace Grid.Grains.Visibility;

/// <summary>
/// The changes a feed has for one shard and not yet sent, from all its peers: one buffer per
/// shard (not per peer and shard), so a flush makes one call per shard however many peers the
/// feed has. The buffer is reused: a send copies each peer's changes out into its section.
/// </summary>
internal sealed class ShardPending(int shard, int batchSize)
{
    // Grown by doubling up to the batch size: most IPv6 shards of a feed never fill one batch.
    private RouteChange[] _changes = new RouteChange[Math.Min(batchSize, 64)];
    // The section (index into _peers) each buffered change belongs to.
    private int[] _sectionOf = new int[Math.Min(batchSize, 64)];
    private readonly List<IngestPeer> _peers = [];
    private int[] _counts = new int[4];

    public int Count { get; private set; }

    /// <summary>Buffers one change; true when the buffer holds a full batch and must be sent.</summary>
    public bool Add(IngestPeer peer, RouteChange change)
    {
        var section = peer.Section[shard] - 1;
        if (section < 0)
        {
            section = _peers.Count;
            _peers.Add(peer);
            peer.Section[shard] = section + 1;
            if (section == _counts.Length)
            {
                Array.Resize(ref _counts, section * 2);
            }
        }

        if (Count == _changes.Length)
        {
            Array.Resize(ref _changes, Math.Min(batchSize, Count * 2));
            Array.Resize(ref _sectionOf, _changes.Length);
        }

        _changes[Count] = change;
        _sectionOf[Count] = section;
        _counts[section]++;
        return ++Count >= batchSize;
    }

    /// <summary>Takes everything buffered as one section per peer (each in the order buffered), and the peers in section order.</summary>
    public (PeerChanges[] Sections, IngestPeer[] Peers) Take(bool rebuilding)
    {
        var peers = _peers.ToArray();
        var changes = new RouteChange[peers.Length][];
        var filled = new int[peers.Length];
        for (var i = 0; i < peers.Length; i++)
        {
            changes[i] = new RouteChange[_counts[i]];
        }

        for (var i = 0; i < Count; i++)
        {
            var section = _sectionOf[i];
            changes[section][filled[section]++] = _changes[i];
        }

        var sections = new PeerChanges[peers.Length];
        for (var i = 0; i < peers.Length; i++)
        {
            sections[i] = new PeerChanges(peers[i].Key, peers[i].Latest, rebuilding, changes[i]);
            peers[i].Section[shard] = 0;
            _counts[i] = 0;
        }

        _peers.Clear();
        Count = 0;
        return (sections, peers);
    }
}
