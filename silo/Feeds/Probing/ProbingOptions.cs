namespace Grid.Silo.Feeds.Probing;

/// <summary>Active probing; configuration section <c>Grid:Probing</c>.</summary>
public sealed class ProbingOptions
{
    public const string Section = "Grid:Probing";

    /// <summary>The prober runs when this is set and <see cref="Hitlist"/> names a file; the intake works either way.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The target list: one address per line, optionally with country and AS. Empty: no prober.</summary>
    public string? Hitlist { get; set; }

    /// <summary>
    /// The prober shard this silo's hitlist belongs to: its lease is <c>probing/&lt;Shard&gt;</c>, so of
    /// the silos configured with the same shard exactly one probes at a time, and another takes over
    /// when it dies. Give silos with different hitlists different shards.
    /// </summary>
    public int Shard { get; set; }

    /// <summary>The global cap on probes sent per second; 0 lifts it.</summary>
    public double RatePerSecond { get; set; } = 1000;

    /// <summary>
    /// A round's length, and the bin of the signal (the probe shards read it as
    /// <see cref="Grid.Grains.Probing.ProbeBinOptions.Interval"/>): IODA probes every block every 600 s.
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(600);

    /// <summary>How long a probe waits for its echo reply before it counts as silence.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The most items one <c>POST /v1/probes/results</c> may carry; the rest are refused, item by item.</summary>
    public int MaxBatchItems { get; set; } = 10_000;

    /// <summary>How far in the future an item's timestamp may lie (clock skew) before it is refused.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The same setting the probe shards enforce (Grains.Probing.ProbeBinOptions), read here for the refusals' text.</summary>
    public int MaxNewBlocksPerKey { get; set; } = 100_000;

    /// <summary>The same setting the probe shards' ledger enforces, read here for the refusals' text.</summary>
    public int MaxExternalBlocks { get; set; } = 1_000_000;
}
