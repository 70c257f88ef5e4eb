namespace Grid.Grains.Detection;

/// <summary>Outage detection; configuration section <c>Grid:Detection</c>.</summary>
public sealed class DetectionOptions
{
    public const string Section = "Grid:Detection";

    /// <summary>The wall-clock tick that moves evaluation on when no data arrives (live feeds); seconds in tests.</summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The wall clock drives evaluation only while the silo's newest event time is this close to it:
    /// live data. A replay of old files advances by its own event time instead.
    /// </summary>
    public TimeSpan LiveLag { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Closed events an entity keeps in its state (the newest).</summary>
    public int KeptEvents { get; set; } = 100;

    /// <summary>Per signal name (<c>bgp</c>, <c>bgp6</c>, <c>probes</c>, …); a name not listed is judged like BGP.</summary>
    public Dictionary<string, SignalThresholds> Signals { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["bgp"] = SignalThresholds.Bgp(),
        ["bgp6"] = SignalThresholds.Bgp(),
        ["probes"] = SignalThresholds.Probes(),
        [Entities.SignalNames.ProbesRtt] = SignalThresholds.ProbesRtt(),
        [Entities.SignalNames.ProbesLoss] = SignalThresholds.ProbesLoss(),
    };

    /// <summary>How an event's mechanism is told from its signals (<see cref="Mechanism"/>).</summary>
    public MechanismRules Mechanism { get; set; } = new();

    public SignalThresholds For(string signal) => Signals.TryGetValue(signal, out var thresholds) ? thresholds : SignalThresholds.Bgp();
}
