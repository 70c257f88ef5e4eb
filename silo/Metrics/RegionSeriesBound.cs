using Grid.Grains.Entities;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Metrics;

/// <summary>
/// Which of the regions active on this silo are exported: those of Grid:Metrics:WatchedRegionCountries
/// first, then the largest by visible /24s, up to Grid:Metrics:MaxRegionSeries. DB-IP maps about
/// 3,800 regions, and <c>POST /v1/signals</c> can name more, so not all of them reach Prometheus by default.
/// </summary>
public sealed class RegionSeriesBound(IGrainFactory grains, IOptions<MetricsOptions> options, TimeProvider time) : EntitySeriesBound(grains, time)
{
    private readonly HashSet<string> _watched = options.Value.WatchedRegionCountries.Select(c => c.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);

    protected override int Max => options.Value.MaxRegionSeries;

    protected override TimeSpan RankRefresh => options.Value.RegionRankRefresh;

    // A region's key starts with its country: BY-MINSK-CITY.
    protected override bool IsWatched(string key) => _watched.Contains(key[..2]);

    protected override IEntityGrain Grain(IGrainFactory grains, string key) => grains.GetGrain<IRegionGrain>(key);
}
