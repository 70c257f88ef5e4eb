using Grid.Grains.Visibility;

namespace Grid.Grains.Entities;

/// <summary>
/// An entity's visible space as the sum of its shards' counts: the newest report of each shard
/// (<see cref="ShardVisibility"/>), kept and persisted, and the totals over them. Nothing here is
/// derived from a history of deltas, so a lost or repeated report, or a crash, costs nothing that
/// the shard's next report (or a read of the shard) does not put right.
/// </summary>
public sealed class EntityVisibility
{
    private readonly Dictionary<string, ShardVisibility> _shards = new(StringComparer.Ordinal);

    public long IPv4Blocks { get; private set; }

    public long IPv6Blocks { get; private set; }

    public long Prefixes { get; private set; }

    /// <summary>The shards that ever reported for this entity: the ones to read again after a move.</summary>
    public IEnumerable<string> Shards => _shards.Keys;

    /// <summary>Whether <paramref name="report"/> is a loaded count newer than what this shard last said.</summary>
    public bool Admits(ShardVisibility report) => report.Loaded && report.IsNewerThan(_shards.GetValueOrDefault(report.Shard));

    /// <summary>Takes <paramref name="report"/> as its shard's count (check <see cref="Admits"/> first); true when the shard is new here.</summary>
    public bool Apply(ShardVisibility report)
    {
        var known = _shards.Remove(report.Shard, out var previous);
        if (known)
        {
            Add(previous!, -1);
        }

        // The origins are the country's business (its own grow-only list): not kept per shard.
        var kept = report.Origins.Length == 0 ? report : report with { Origins = [] };
        _shards[report.Shard] = kept;
        Add(kept, +1);
        return !known;
    }

    public void Restore(IEnumerable<ShardVisibility> reports)
    {
        foreach (var report in reports)
        {
            Apply(report);
        }
    }

    public List<ShardVisibility> Snapshot() => [.. _shards.Values];

    private void Add(ShardVisibility report, int sign)
    {
        if (report.IsIPv4)
        {
            IPv4Blocks += sign * report.Blocks;
        }
        else
        {
            IPv6Blocks += sign * report.Blocks;
        }

        Prefixes += sign * report.Prefixes;
    }
}
