namespace Grid.Grains.Detection;

/// <summary>One signal at one evaluation: its value, the baseline (median of its history), their ratio and the level called.</summary>
public sealed record SignalReading(string Signal, long Value, double? Baseline, double? Ratio, string Level)
{
    /// <summary>How far below the baseline the value is, in percent (0 when at or above it).</summary>
    public double DropPercent => Ratio is { } ratio && ratio < 1 ? (1 - ratio) * 100 : 0;
}
