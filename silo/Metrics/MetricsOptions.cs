namespace Grid.Silo.Metrics;

/// <summary>
/// Grid:Metrics. Every country active on a silo is exported; AS series are bounded by
/// <see cref="MaxAsSeries"/> ASes per silo (watched ASes first, then the largest by visible /24s),
/// so about 75k ASes never reach Prometheus by default: at most MaxAsSeries × 11 series per silo.
/// </summary>
public sealed class MetricsOptions
{
    public const string Section = "Grid:Metrics";

    /// <summary>How many ASes a silo exports at most; 0 exports none.</summary>
    public int MaxAsSeries { get; set; } = 500;

    /// <summary>ASes always exported while active here (within <see cref="MaxAsSeries"/>), e.g. <c>[6697, 25106]</c>.</summary>
    public uint[] WatchedAsns { get; set; } = [];

    /// <summary>How often the ranking of ASes by size is recomputed; between refreshes only the chosen ASes are read.</summary>
    public TimeSpan AsRankRefresh { get; set; } = TimeSpan.FromMinutes(1);
}
