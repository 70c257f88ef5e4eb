using Grid.Grains.Probing;

namespace Grid.Grains.Entities;

/// <summary>
/// An entity's probe bins as the sum of its probe shards' parts (<see cref="ShardProbeBin"/>): the
/// parts of the last few bins, by shard, and the shards that ever reported. A part replaces only the
/// same shard's part of the same bin, so the step recorded for a bin is always the sum of every part
/// heard, never one shard's count over another's. Status shows the <see cref="Settled"/> bin: the
/// shards close a bin at the same instant but report one by one, and a poller must not see a country's
/// blocks halve for the milliseconds between two parts.
/// </summary>
public sealed class EntityProbes(TimeSpan lateness)
{
    /// <summary>Bins kept open for late parts at least: a part of an older bin is dropped, not recorded as a partial.</summary>
    public const int KeptBins = 4;

    public EntityProbes()
        : this(TimeSpan.Zero)
    {
    }

    /// <summary>
    /// Bins are also kept while they are within this of the newest (Grid:Signals:MaxLateness): a
    /// shard re-sends a bin's part when results measured in it arrive late.
    /// </summary>
    public TimeSpan Lateness { get; } = lateness;

    private readonly SortedDictionary<DateTimeOffset, Dictionary<string, ShardProbeBin>> _bins = [];
    private readonly HashSet<string> _shards = new(StringComparer.Ordinal);

    /// <summary>The shards that ever reported for this entity: the ones to read again after a move.</summary>
    public IReadOnlyCollection<string> Shards => _shards;

    /// <summary>
    /// The newest bin that every shard heard within the kept bins has reported, else the bin before it
    /// if that one is whole (closed: its late parts are rare), else each shard's latest part summed at
    /// the oldest of their times: an activation that read its shards' last parts (LastBinOf) around a
    /// close holds one shard's new bin and another's old one, and neither bin alone. Null before the first part.
    /// </summary>
    public ProbeBin? Settled
    {
        get
        {
            if (_bins.Count == 0)
            {
                return null;
            }

            var heard = _bins.Values.SelectMany(p => p.Keys).ToHashSet(StringComparer.Ordinal);
            var newest = _bins.Last();
            if (heard.All(newest.Value.ContainsKey))
            {
                return ProbeBinAggregate.Sum(newest.Key, newest.Value.Values);
            }

            if (_bins.Count >= 2 && _bins.ElementAt(_bins.Count - 2) is var before && heard.All(before.Value.ContainsKey))
            {
                return ProbeBinAggregate.Sum(before.Key, before.Value.Values);
            }

            var latest = heard.Select(shard => _bins.Values.Reverse().First(p => p.ContainsKey(shard))[shard]).ToList();
            return ProbeBinAggregate.Sum(latest.Min(p => p.At), latest);
        }
    }

    /// <summary>
    /// Takes <paramref name="part"/> and returns the entity's bin at its time, summed over the parts
    /// heard for it; null for a part of a bin older than those kept. <paramref name="newShard"/> is
    /// true when the shard reported here for the first time.
    /// </summary>
    public ProbeBin? Apply(ShardProbeBin part, out bool newShard)
    {
        ArgumentNullException.ThrowIfNull(part);
        newShard = _shards.Add(part.Shard);
        if (!_bins.TryGetValue(part.At, out var parts))
        {
            if (_bins.Count >= KeptBins && part.At < _bins.Keys.First() && _bins.Keys.Last() - part.At > Lateness)
            {
                return null;
            }

            _bins[part.At] = parts = new Dictionary<string, ShardProbeBin>(StringComparer.Ordinal);
            while (_bins.Count > KeptBins && _bins.Keys.Last() - _bins.Keys.First() > Lateness)
            {
                _bins.Remove(_bins.Keys.First());
            }
        }

        parts[part.Shard] = part;
        return ProbeBinAggregate.Sum(part.At, parts.Values);
    }

    public void Restore(IEnumerable<string> shards) => _shards.UnionWith(shards);
}
