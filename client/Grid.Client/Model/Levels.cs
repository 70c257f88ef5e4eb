namespace Grid.Client.Model;

/// <summary>Detection levels, from best to worst; <c>unknown</c> until detection has a baseline.</summary>
public static class Levels
{
    public const string Unknown = "unknown";
    public const string Normal = "normal";
    public const string Warning = "warning";
    public const string Critical = "critical";

    public static readonly IReadOnlyList<string> All = [Unknown, Normal, Warning, Critical];

    public static bool IsKnown(string level) => All.Contains(level, StringComparer.OrdinalIgnoreCase);
}
