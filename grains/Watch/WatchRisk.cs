namespace Grid.Grains.Watch;

/// <summary>
/// An entry's shutdown risk as a scorer gives it: a level (<c>low</c>, <c>medium</c>, <c>high</c>),
/// the score, the parts it adds up from, and the reasons (STOP rows, Grid's own events) behind them.
/// </summary>
[GenerateSerializer, Alias("grid.WatchRisk")]
public sealed record WatchRisk(
    [property: Id(0)] string Level,
    [property: Id(1)] double Score,
    [property: Id(2)] IReadOnlyDictionary<string, double> Parts,
    [property: Id(3)] string[] Reasons)
{
    public const string Low = "low";
    public const string Medium = "medium";
    public const string High = "high";

    /// <summary>The levels from lowest to highest.</summary>
    public static readonly string[] Levels = [Low, Medium, High];

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsHigh => string.Equals(Level, High, StringComparison.OrdinalIgnoreCase);

    /// <summary>The level's rank in <see cref="Levels"/>; -1 for a level not among them.</summary>
    public static int Rank(string? level) => Array.FindIndex(Levels, l => string.Equals(l, level, StringComparison.OrdinalIgnoreCase));
}
