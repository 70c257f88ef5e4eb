using System.Diagnostics.CodeAnalysis;

namespace Grid.Grains.Detection;

/// <summary>A level's name outside Grid's code, and what the levels mean for events and alerts.</summary>
public static class DetectionLevelExtensions
{
    /// <summary>True for warning and critical: the levels that open an event, and that alerts are about.</summary>
    public static bool IsOutage(this DetectionLevel level) => level >= DetectionLevel.Warning;

    /// <summary>The lowercase name the API, webhooks and event ids use (the JSON name too).</summary>
    public static string Name(this DetectionLevel level) => level switch
    {
        DetectionLevel.Normal => "normal",
        DetectionLevel.Warning => "warning",
        DetectionLevel.Critical => "critical",
        _ => "unknown",
    };

    /// <summary>Reads a lowercase name (<c>critical</c>), exactly as <see cref="Name"/> writes it.</summary>
    public static bool TryParseLevel([NotNullWhen(true)] string? text, out DetectionLevel level)
    {
        foreach (var candidate in Enum.GetValues<DetectionLevel>())
        {
            if (string.Equals(candidate.Name(), text, StringComparison.Ordinal))
            {
                level = candidate;
                return true;
            }
        }

        level = DetectionLevel.Unknown;
        return false;
    }

    /// <summary>The worse of two levels.</summary>
    public static DetectionLevel Worst(DetectionLevel a, DetectionLevel b) => b > a ? b : a;
}
