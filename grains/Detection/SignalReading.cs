namespace Grid.Grains.Detection;

/// <summary>One signal at one evaluation: its value, the baseline (median of its history), their ratio and the level called.</summary>
[GenerateSerializer, Alias("grid.SignalReading")]
public sealed record SignalReading([property: Id(0)] string Signal, [property: Id(1)] long Value, [property: Id(2)] double? Baseline, [property: Id(3)] double? Ratio, [property: Id(4)] DetectionLevel Level)
{
    /// <summary>How far below the baseline the value is, in percent (0 when at or above it).</summary>
    public double DropPercent => Ratio is { } ratio && ratio < 1 ? (1 - ratio) * 100 : 0;
}
