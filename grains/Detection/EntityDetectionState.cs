namespace Grid.Grains.Detection;

/// <summary>What an entity persists about detection: each signal's detector, its level, and its events.</summary>
public sealed class EntityDetectionState
{
    /// <summary>The end of the last evaluated step, on the signals' clock.</summary>
    public DateTimeOffset? EvaluatedUntil { get; set; }

    public Dictionary<string, SignalDetectorState> Signals { get; set; } = new(StringComparer.Ordinal);

    public string Level { get; set; } = DetectionLevel.Unknown;

    public OutageEvent? Open { get; set; }

    /// <summary>Closed events, oldest first, the newest <see cref="DetectionOptions.KeptEvents"/> kept.</summary>
    public List<OutageEvent> Closed { get; set; } = [];
}
