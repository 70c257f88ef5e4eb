namespace Grid.Grains.Detection;

/// <summary>
/// Levels as the API, the anomaly stream and subscriptions name them. <c>unknown</c> means no call
/// is made (no data, or a baseline below the minimum); the others follow IODA's alert levels.
/// </summary>
public static class DetectionLevel
{
    public const string Unknown = "unknown";
    public const string Normal = "normal";
    public const string Warning = "warning";
    public const string Critical = "critical";

    /// <summary>Orders levels by severity: unknown 0, normal 1, warning 2, critical 3; anything else is unknown.</summary>
    public static int Rank(string? level) => level switch
    {
        Normal => 1,
        Warning => 2,
        Critical => 3,
        _ => 0,
    };

    public static bool IsKnown(string? level) => level is Unknown or Normal or Warning or Critical;

    /// <summary>True for warning and critical: the levels that open an event.</summary>
    public static bool IsOutage(string? level) => Rank(level) >= 2;

    public static string Worst(string a, string b) => Rank(b) > Rank(a) ? b : a;
}
