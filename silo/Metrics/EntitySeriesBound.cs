using Grid.Grains.Entities;

namespace Grid.Silo.Metrics;

/// <summary>
/// Which of the grains of one kind active on this silo are exported: the watched ones first, then
/// the largest by visible /24s, up to a maximum, so a kind with many entities (about 75k ASes,
/// thousands of regions) never floods Prometheus.
/// </summary>
/// <remarks>
/// Ranking reads every active grain's status, so it runs once per refresh period, and sooner only
/// when the bound is not yet full or a watched grain became active here; between rankings a scrape
/// reads only the chosen grains.
/// </remarks>
public abstract class EntitySeriesBound(IGrainFactory grains, TimeProvider time)
{
    private readonly Lock _gate = new();
    private HashSet<string> _ranked = new(StringComparer.Ordinal);
    private DateTimeOffset _rankedAt = DateTimeOffset.MinValue;

    /// <summary>How many grains are exported at most; 0 exports none.</summary>
    protected abstract int Max { get; }

    /// <summary>How often the ranking is recomputed.</summary>
    protected abstract TimeSpan RankRefresh { get; }

    /// <summary>Whether the grain keyed <paramref name="key"/> is always exported while active here (within <see cref="Max"/>).</summary>
    protected abstract bool IsWatched(string key);

    /// <summary>The grain of <paramref name="key"/>.</summary>
    protected abstract IEntityGrain Grain(IGrainFactory grains, string key);

    /// <summary>The statuses of the chosen grains among <paramref name="activeKeys"/>, ordered by key.</summary>
    public async Task<IReadOnlyList<EntityStatus>> ChooseAsync(IReadOnlyList<string> activeKeys)
    {
        var max = Max;
        if (max <= 0)
        {
            return [];
        }

        var active = activeKeys.ToHashSet(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        HashSet<string> chosen;
        lock (_gate)
        {
            chosen = now - _rankedAt < RankRefresh ? _ranked : [];
        }

        var stale = chosen.Count < Math.Min(max, active.Count) || active.Any(key => !chosen.Contains(key) && IsWatched(key));
        if (stale && active.Count > 0)
        {
            var all = await Task.WhenAll(active.Select(key => Grain(grains, key).Status()));
            chosen = all.Where(s => s.HasData)
                .OrderByDescending(s => IsWatched(s.Code))
                .ThenByDescending(s => s.Signals.TryGetValue(SignalNames.Bgp, out var bgp) ? bgp.Value : 0)
                .ThenBy(s => s.Code, StringComparer.Ordinal)
                .Take(max)
                .Select(s => s.Code)
                .ToHashSet(StringComparer.Ordinal);
            lock (_gate)
            {
                (_ranked, _rankedAt) = (chosen, now);
            }
        }

        // A chosen grain that moved away since the ranking is no longer ours to export.
        var statuses = await Task.WhenAll(chosen.Where(active.Contains).Select(key => Grain(grains, key).Status()));
        return [.. statuses.Where(s => s.HasData).OrderBy(s => s.Code, StringComparer.Ordinal)];
    }
}
