using Grid.Grains.Entities;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Metrics;

/// <summary>
/// Which of the ASes active on this silo are exported: the watched ones first, then the largest by
/// visible /24s, up to Grid:Metrics:MaxAsSeries, so about 75k ASes never reach Prometheus.
/// </summary>
public sealed class AsSeriesBound(IGrainFactory grains, IOptions<MetricsOptions> options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private HashSet<string> _rankedAsKeys = new(StringComparer.Ordinal);
    private DateTimeOffset _rankedAt = DateTimeOffset.MinValue;

    /// <summary>The statuses of the chosen ASes among <paramref name="activeKeys"/>, ordered by key.</summary>
    public async Task<IReadOnlyList<EntityStatus>> ChooseAsync(IReadOnlyList<string> activeKeys)
    {
        var settings = options.Value;
        if (settings.MaxAsSeries <= 0)
        {
            return [];
        }

        var active = activeKeys.ToHashSet(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        HashSet<string> chosen;
        lock (_gate)
        {
            chosen = now - _rankedAt < settings.AsRankRefresh ? _rankedAsKeys : [];
        }

        var watched = settings.WatchedAsns.Select(asn => EntityKey.As(asn).Code).ToHashSet(StringComparer.Ordinal);
        // Ranking reads every active AS, so it runs once per AsRankRefresh, and sooner only when
        // the bound is not yet full or a watched AS became active here.
        var stale = chosen.Count < Math.Min(settings.MaxAsSeries, active.Count) || watched.Any(key => active.Contains(key) && !chosen.Contains(key));
        if (stale && active.Count > 0)
        {
            var all = await Task.WhenAll(active.Select(key => grains.GetGrain<IAsGrain>(key).Status()));
            chosen = all.Where(s => s.HasData)
                .OrderByDescending(s => watched.Contains(s.Code))
                .ThenByDescending(s => s.Signals.TryGetValue(SignalNames.Bgp, out var bgp) ? bgp.Value : 0)
                .ThenBy(s => s.Code, StringComparer.Ordinal)
                .Take(settings.MaxAsSeries)
                .Select(s => s.Code)
                .ToHashSet(StringComparer.Ordinal);
            lock (_gate)
            {
                (_rankedAsKeys, _rankedAt) = (chosen, now);
            }
        }

        // A chosen AS that moved away since the ranking is no longer ours to export.
        var statuses = await Task.WhenAll(chosen.Where(active.Contains).Select(key => grains.GetGrain<IAsGrain>(key).Status()));
        return [.. statuses.Where(s => s.HasData).OrderBy(s => s.Code, StringComparer.Ordinal)];
    }
}
