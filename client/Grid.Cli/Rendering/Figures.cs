using System.Globalization;
using Grid.Client.Model;

namespace Grid.Cli.Rendering;

/// <summary>How numbers and times read in tables: invariant culture, UTC, a dash for what is not known.</summary>
internal static class Figures
{
    public const string None = "—";

    public static string Ratio(SignalStatus? signal) =>
        signal?.Ratio is { } ratio ? ratio.ToString("P0", CultureInfo.InvariantCulture) : None;

    public static string Number(double? value, string format = "N0") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : None;

    public static string Time(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : None;

    public static string Duration(TimeSpan span) => span.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h{span.Minutes:00}m")
        : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}m{span.Seconds:00}s");

    /// <summary>When the current level began: the open event's start, else nothing known.</summary>
    public static string Since(EntityStatus status) => status.OpenEvent is { } open ? Time(open.Start) : None;
}
