namespace Grid.Grains.Detection;

/// <summary>
/// <c>Grid:Detection:Mechanism</c>: how an event's mechanism is told from its signals (<see cref="EventMechanism"/>).
/// A signal "falls" or "rises" when its own detector calls warning or worse (its thresholds); these
/// settings only say when BGP still holds and when two drops differ enough to be two mechanisms.
/// </summary>
public sealed class MechanismRules
{
    /// <summary>BGP holds while its ratio to its baseline is at least this (IODA's BGP warning bar is 0.99).</summary>
    public double BgpHolds { get; set; } = 0.95;

    /// <summary>
    /// Routes and hosts both fell, but the probes fell this much further (as a fraction of the
    /// baseline) than BGP did: more hosts went silent than routes were withdrawn, so the event is
    /// <c>mixed</c> rather than <c>routes-withdrawn</c>.
    /// </summary>
    public double MixedMargin { get; set; } = 0.25;
}
