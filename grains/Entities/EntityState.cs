using Grid.Grains.Signals;

namespace Grid.Grains.Entities;

/// <summary>
/// What an entity grain persists: its signal histories. The visible space itself is rebuilt from
/// the feeds (RIB dumps, session re-syncs), which are its source of truth.
/// </summary>
public sealed class EntityState
{
    public List<SignalPoint> Bgp { get; set; } = [];

    public List<SignalPoint> Bgp6 { get; set; } = [];

    /// <summary>/24s up by active probing, and the median RTT (µs) and loss (ppm) beside them.</summary>
    public List<SignalPoint> Probes { get; set; } = [];

    public List<SignalPoint> ProbesRtt { get; set; } = [];

    public List<SignalPoint> ProbesLoss { get; set; } = [];

    /// <summary>The latest probing bin as it came, so status shows RTT and loss unrounded.</summary>
    public ProbeBin? LatestProbes { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>For a country: every AS seen originating space in it, kept when the AS goes dark.</summary>
    public List<uint> OriginAsns { get; set; } = [];
}
