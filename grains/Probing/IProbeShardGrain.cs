namespace Grid.Grains.Probing;

/// <summary>
/// The probed /24 blocks of one slice of IPv4 space (key: the shard prefix, <c>62.0.0.0/8</c>,
/// <see cref="ProbeShards"/>): their Trinocular beliefs, updated by every vantage point's results
/// whichever silo took them, and their part of every country's and AS's probe bin, which the shard
/// reports at each bin close (<see cref="ShardProbeBin"/>).
/// </summary>
public interface IProbeShardGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies a batch of results for this shard's blocks from <paramref name="sender"/> (<see cref="ProbeSenders"/>:
    /// the prober, or an outside key's id and name); returns their beliefs before and after, in order,
    /// and which new blocks of an outside sender were refused (its quota, the table's cap).
    /// </summary>
    Task<ProbeBeliefs> Observe(ProbeObservation[] batch, string sender);

    /// <summary>
    /// This shard's part of <paramref name="entity"/>'s last closed bin (<c>BY</c>, <c>AS6697</c>), or
    /// null: read by an entity activated after a move, so its bin sums every shard again.
    /// Interleaved: it only reads, and the shard may itself be waiting on that entity with a report.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<ShardProbeBin?> LastBinOf(string entity);

    /// <summary>
    /// <paramref name="entity"/>'s blocks here through the ended bins that end in [<paramref name="from"/>,
    /// <paramref name="until"/>], at most <paramref name="maxBlocks"/>, changed ones first: the probe
    /// part of an evidence bundle. Bins are kept for Grid:Signals:MaxLateness, so that far back at most.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<ProbeBlockHistory[]> RecentResults(string entity, DateTimeOffset from, DateTimeOffset until, int maxBlocks);

    /// <summary>This shard's blocks by state now, for <c>GET /v1/probes/status</c>.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<ProbeCensus> Census();
}
