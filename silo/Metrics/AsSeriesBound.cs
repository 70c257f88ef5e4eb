using Grid.Grains.Entities;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Metrics;

/// <summary>
/// Which of the ASes active on this silo are exported: the watched ones first, then the largest by
/// visible /24s, up to Grid:Metrics:MaxAsSeries, so about 75k ASes never reach Prometheus.
/// </summary>
public sealed class AsSeriesBound(IGrainFactory grains, IOptions<MetricsOptions> options, TimeProvider time) : EntitySeriesBound(grains, time)
{
    private readonly HashSet<string> _watched = options.Value.WatchedAsns.Select(asn => EntityKey.As(asn).Code).ToHashSet(StringComparer.Ordinal);

    protected override int Max => options.Value.MaxAsSeries;

    protected override TimeSpan RankRefresh => options.Value.AsRankRefresh;

    protected override bool IsWatched(string key) => _watched.Contains(key);

    protected override IEntityGrain Grain(IGrainFactory grains, string key) => grains.GetGrain<IAsGrain>(key);
}
