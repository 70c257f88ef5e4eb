using Grid.Grains.Detection;

namespace Grid.Grains.Entities;

/// <summary>
/// A signal's current value and when it was last recorded, with what detection made of it at the
/// last evaluation: the baseline (median of its history), the ratio of value to baseline, and the
/// level. The probing signal adds its median RTT and loss (left out of the JSON for the others).
/// </summary>
[GenerateSerializer, Alias("grid.SignalStatus")]
public sealed record SignalStatus([property: Id(0)] long Value, [property: Id(1)] DateTimeOffset? At, [property: Id(2)] double? Baseline = null, [property: Id(3)] double? Ratio = null, [property: Id(4)] DetectionLevel Level = DetectionLevel.Unknown)
{
    [Id(5)]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? MedianRttMs { get; init; }

    [Id(6)]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public double? Loss { get; init; }
}
