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
    /// The longest a shard holds its counts back while a feed loads its initial table (a new
    /// collector replaying a RIB, a BGP session before End-of-RIB). A feed that never says "loaded"
    /// (it died mid-load, or has no table) is then counted as it stands. Five minutes is one IODA BGP bin.
    /// </summary>
    public TimeSpan LoadGrace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A live session's initial table is taken as loaded once no route came for this long, when the
    /// router sends no End-of-RIB (RFC 4724 §2 only recommends it outside graceful restart).
    /// </summary>
    public TimeSpan LoadQuiet { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often an entity reads its counts from its shards again, beside the reports they push on
    /// every change: it heals a report lost with a silo, and a shard that a new collector left empty.
    /// </summary>
    public TimeSpan Reconcile { get; set; } = TimeSpan.FromMinutes(10);
}
