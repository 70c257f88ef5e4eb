namespace Grid.Grains.Probing;

/// <summary>
/// How probe shards close bins; read from <c>Grid:Probing</c>, the section the prober's own options
/// come from, so the prober's round and the bin share one <see cref="Interval"/>.
/// </summary>
public sealed class ProbeBinOptions
{
    public const string Section = "Grid:Probing";

    /// <summary>The bin of the probes signal: IODA probes every block every 600 s. Bins close on multiples of it in wall time.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(600);

    /// <summary>A block nobody probed for this many bins goes back to unknown (outside vantage points come and go).</summary>
    public int StaleBins { get; set; } = 3;

    /// <summary>New blocks one outside sender (an ingest key) may add to the probe shards, in all: the rest of its new blocks are refused.</summary>
    public int MaxNewBlocksPerKey { get; set; } = 100_000;

    /// <summary>Blocks all outside senders together may add (the prober's hitlist is not counted): ~40 bytes each.</summary>
    public int MaxExternalBlocks { get; set; } = 1_000_000;

    /// <summary>
    /// Whether a level change that rests on one outside key's observations alone alerts: by default it
    /// is recorded and marked single-source, but no subscription hears of it.
    /// </summary>
    public bool AlertOnSingleSource { get; set; }

    /// <summary>The start of the bin of <paramref name="interval"/> holding <paramref name="at"/>: bins are aligned to multiples of it since the Unix epoch.</summary>
    public static DateTimeOffset BinStart(DateTimeOffset at, TimeSpan interval)
    {
        var since = (at - DateTimeOffset.UnixEpoch).Ticks;
        return DateTimeOffset.UnixEpoch.AddTicks(since - (since % interval.Ticks));
    }
}
