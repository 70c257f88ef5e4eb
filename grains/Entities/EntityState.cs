using Grid.Grains.Detection;
using Grid.Grains.Signals;

namespace Grid.Grains.Entities;

/// <summary>
/// What an entity grain persists: its signal histories and its detection state (levels, events).
/// The visible space itself is rebuilt from the feeds (RIB dumps, session re-syncs), which are its
/// source of truth.
/// </summary>
public sealed class EntityState
{
    public List<SignalPoint> Bgp { get; set; } = [];

    public List<SignalPoint> Bgp6 { get; set; } = [];

    /// <summary>Histories of signals recorded by name (<see cref="IEntityGrain.RecordSignal"/>), such as <c>probes</c>.</summary>
    public Dictionary<string, List<SignalPoint>> Recorded { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Median RTT (µs) and loss (ppm) of the probes signal, per step.</summary>
    public List<SignalPoint> ProbesRtt { get; set; } = [];

    public List<SignalPoint> ProbesLoss { get; set; } = [];

    /// <summary>The latest probing bin as it came, so status shows RTT and loss unrounded.</summary>
    public ProbeBin? LatestProbes { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>For a country: every AS seen originating space in it, kept when the AS goes dark.</summary>
    public List<uint> OriginAsns { get; set; } = [];

    public EntityDetectionState Detection { get; set; } = new();

    /// <summary>
    /// Level changes written with the detection state that produced them and not yet confirmed on
    /// the anomalies stream (a transactional outbox): an activation that finds any publishes them
    /// again, with the same ids, which alert grains drop as seen.
    /// </summary>
    public List<AnomalyEvent> Unpublished { get; set; } = [];

    /// <summary>
    /// The collector epoch of the visible space (written when it changes): an activation that finds
    /// one but no <see cref="Snapshot"/> of it has lost its space in a crash (Visibility.VisibilityEpoch).
    /// </summary>
    public long VisibilityEpoch { get; set; }

    /// <summary>The visible space as the last activation deactivated; null once an activation took it over.</summary>
    public VisibleSnapshot? Snapshot { get; set; }
}
