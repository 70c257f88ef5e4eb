using Grid.Client.Model;

namespace Grid.Cli.Rendering;

/// <summary>
/// One country's state in one line, for <c>grid watch</c> piped into a log: a new line is written
/// only when this text changes, so the timestamp of each line is the moment a change was seen.
/// </summary>
internal static class StatusLine
{
    public static string Of(EntityStatus status)
    {
        var signals = status.Signals.OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => $"{s.Key}={s.Value.Value} ({Figures.Ratio(s.Value)}, {s.Value.Level})");
        var open = status.OpenEvent is { } e ? $" event {e.Id} since {Figures.Time(e.Start)}" : "";
        return $"{status.Code} {status.Level}{open} {string.Join(' ', signals)}";
    }
}
