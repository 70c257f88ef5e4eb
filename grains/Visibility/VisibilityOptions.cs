namespace Grid.Grains.Visibility;

/// <summary>How BGP visibility is decided; configuration section <c>Grid:Visibility</c>. Defaults follow IODA.</summary>
public sealed class VisibilityOptions
{
    public const string Section = "Grid:Visibility";

    /// <summary>A peer is full-feed for IPv4 when it carries more than this many IPv4 prefixes (IODA: 400k).</summary>
    public int FullFeedIPv4Prefixes { get; set; } = 400_000;

    /// <summary>A peer is full-feed for IPv6 when it carries more than this many IPv6 prefixes (IODA: 10k).</summary>
    public int FullFeedIPv6Prefixes { get; set; } = 10_000;

    /// <summary>A prefix is visible when more than this fraction of full-feed peers see it (IODA: 50%).</summary>
    public double VisibleFraction { get; set; } = 0.5;

    /// <summary>
    /// Route changes per shard call; larger batches mean fewer calls on the hot path. 2,048 changes
    /// of 32 bytes stay under the 85 KB large-object threshold, so batches die young in gen 0.
    /// </summary>
    public int BatchSize { get; set; } = 2048;

    /// <summary>
    /// After the collector moves, how long an entity holds its BGP readings at most while the new
    /// collector rebuilds the table (see <see cref="VisibilityEpoch"/>). Five minutes is one IODA BGP bin.
    /// </summary>
    public TimeSpan EpochGrace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// At most one rebuild (shards re-emitting their table for entities adopted after a crash,
    /// <see cref="IVisibilityRebuildGrain"/>) per this interval; requests in between join the next one.
    /// </summary>
    public TimeSpan RebuildCoalesce { get; set; } = TimeSpan.FromSeconds(10);
}
