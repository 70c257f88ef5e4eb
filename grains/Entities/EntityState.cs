using Grid.Grains.Detection;
using Grid.Grains.Signals;

namespace Grid.Grains.Entities;

/// <summary>
/// What an entity grain persists: its signal histories and its detection state (levels, events).
/// The visible space is owned by the prefix shards; the entity keeps their latest counts.
/// </summary>
[GenerateSerializer, Alias("grid.EntityState")]
public sealed class EntityState
{
    [Id(0)]
    public List<SignalPoint> Bgp { get; set; } = [];

    [Id(1)]
    public List<SignalPoint> Bgp6 { get; set; } = [];

    /// <summary>Histories of signals recorded by name (<see cref="IEntityGrain.RecordSignal"/>), such as <c>probes</c>.</summary>
    [Id(2)]
    public Dictionary<string, List<SignalPoint>> Recorded { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Median RTT (µs) and loss (ppm) of the probes signal, per step.</summary>
    [Id(3)]
    public List<SignalPoint> ProbesRtt { get; set; } = [];

    [Id(4)]
    public List<SignalPoint> ProbesLoss { get; set; } = [];

    /// <summary>The latest probing bin as summed, so status shows RTT and loss unrounded (those of the latest bin with probes).</summary>
    [Id(5)]
    public ProbeBin? LatestProbes { get; set; }

    [Id(6)]
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>For a country: every AS seen originating space in it, kept when the AS goes dark.</summary>
    [Id(7)]
    public List<uint> OriginAsns { get; set; } = [];

    [Id(8)]
    public EntityDetectionState Detection { get; set; } = new();

    /// <summary>
    /// Level changes written with the detection state that produced them and not yet confirmed on
    /// the anomalies stream (a transactional outbox): an activation that finds any publishes them
    /// again, with the same ids, which alert grains drop as seen.
    /// </summary>
    [Id(9)]
    public List<AnomalyEvent> Unpublished { get; set; } = [];

    /// <summary>
    /// The newest count of each prefix shard that reported for this entity (Visibility.ShardVisibility):
    /// the visible space is their sum, so an activation after a crash starts from it and reads the shards again.
    /// </summary>
    [Id(12)]
    public List<Visibility.ShardVisibility> Shards { get; set; } = [];

    /// <summary>
    /// The probe shards that ever reported a part of this entity's probe bins (Probing.ShardProbeBin):
    /// an activation after a crash reads their last parts, so its bin is their sum again.
    /// </summary>
    [Id(13)]
    public List<string> ProbeShards { get; set; } = [];
}
