namespace Grid.Grains.Detection;

/// <summary>What an entity persists about detection: each signal's detector, its level, and its events.</summary>
[GenerateSerializer, Alias("grid.EntityDetectionState")]
public sealed class EntityDetectionState
{
    /// <summary>The end of the last evaluated step, on the signals' clock.</summary>
    [Id(0)]
    public DateTimeOffset? EvaluatedUntil { get; set; }

    [Id(1)]
    public Dictionary<string, SignalDetectorState> Signals { get; set; } = new(StringComparer.Ordinal);

    [Id(2)]
    public DetectionLevel Level { get; set; } = DetectionLevel.Unknown;

    [Id(3)]
    public OutageEvent? Open { get; set; }

    /// <summary>Closed events, oldest first, the newest <see cref="DetectionOptions.KeptEvents"/> kept.</summary>
    [Id(4)]
    public List<OutageEvent> Closed { get; set; } = [];
}
