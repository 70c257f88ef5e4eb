using Grid.Grains.Detection;

namespace Grid.Grains.Entities;

/// <summary>What country and AS grains share: they aggregate signals for one entity.</summary>
public interface IEntityGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes prefix shards' absolute counts for this entity (one or more shards, as the silo's
    /// courier gathered them), each when newer than the one held from its shard.
    /// </summary>
    Task ReportVisibility(params Visibility.ShardVisibility[] reports);

    /// <summary>
    /// Takes one probe shard's part of a bin; the bin recorded (<c>signals.probes</c>: /24s up,
    /// median RTT and loss) is the sum of the parts of every shard heard for that bin.
    /// </summary>
    Task ReportProbes(Probing.ShardProbeBin part);

    /// <summary>
    /// Records the value of a signal other than BGP (which comes from <see cref="ReportVisibility"/>)
    /// at event time, e.g. <c>probes</c>: the number of /24 blocks found up. Detection judges it by
    /// name with Grid:Detection:Signals:&lt;name&gt; thresholds. The probe shards' bins arrive through
    /// <see cref="ReportProbes"/>, which records <c>probes</c> here; the demo and tests call it directly.
    /// </summary>
    Task RecordSignal(string signal, DateTimeOffset at, long value);

    /// <summary>
    /// Records points of signals given by name, each judged on its own time in time order (as
    /// <c>grid backtest</c> judges a series). A point more than Grid:Signals:MaxLateness behind this
    /// entity's clock, or of a signal counted from routes, is refused: the answer holds, per point,
    /// null when it was recorded or why it was not.
    /// </summary>
    Task<string?[]> RecordSignals(Signals.NamedSignalPoint[] points);

    // [ReadOnly]: answers only, changes nothing (EntityStatusBoard keeps its version; readers may interleave).
    [Orleans.Concurrency.ReadOnly]
    Task<EntityStatus> Status();

    [Orleans.Concurrency.ReadOnly]
    Task<SignalHistory> History(DateTimeOffset from, DateTimeOffset until, TimeSpan step);

    /// <summary>This entity's events: the kept closed ones, oldest first, then the open one.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<OutageEvent[]> Events();

    /// <summary>The prefix shards that ever reported for this entity: where its route changes are kept for evidence.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<string[]> VisibilityShards();

    /// <summary>The probe shards that ever reported for this entity: where its blocks' recent bins are kept for evidence.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<string[]> ProbeShards();
}
