namespace Grid.Silo.Metrics;

/// <summary>
/// Grid:Metrics. Every country active on a silo is exported; AS series are bounded by
/// <see cref="MaxAsSeries"/> ASes per silo (watched ASes first, then the largest by visible /24s),
/// so about 75k ASes never reach Prometheus by default: at most MaxAsSeries × 11 series per silo.
/// Regions are bounded alike by <see cref="MaxRegionSeries"/> (README: Metrics, Cardinality).
/// </summary>
public sealed class MetricsOptions
{
    public const string Section = "Grid:Metrics";

    /// <summary>
    /// Where <c>/metrics</c> is served, such as <c>0.0.0.0:9464</c>: a port of its own that serves
    /// nothing else, for Prometheus to reach through the network policy. Unset, <c>/metrics</c> stays
    /// on the API's port and answers only this machine's own callers (the local profile).
    /// </summary>
    public string? Listen { get; set; }

    /// <summary>How many ASes a silo exports at most; 0 exports none.</summary>
    public int MaxAsSeries { get; set; } = 500;

    /// <summary>ASes always exported while active here (within <see cref="MaxAsSeries"/>), e.g. <c>[6697, 25106]</c>.</summary>
    public uint[] WatchedAsns { get; set; } = [];

    /// <summary>How often the ranking of ASes by size is recomputed; between refreshes only the chosen ASes are read.</summary>
    public TimeSpan AsRankRefresh { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many regions a silo exports at most; 0 exports none. DB-IP City Lite maps 3,844 (IPv4 and IPv6), at most 10 series each.</summary>
    public int MaxRegionSeries { get; set; } = 1000;

    /// <summary>Countries whose regions are always exported while active here (within <see cref="MaxRegionSeries"/>), e.g. <c>["BY", "MM"]</c>.</summary>
    public string[] WatchedRegionCountries { get; set; } = [];

    /// <summary>How often the ranking of regions by size is recomputed.</summary>
    public TimeSpan RegionRankRefresh { get; set; } = TimeSpan.FromMinutes(1);
}
