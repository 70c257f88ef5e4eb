using System.Globalization;
using Grid.Client.Model;
using Spectre.Console;

namespace Grid.Cli.Rendering;

/// <summary><c>grid watch list</c>: the watch calendar with each entry's window, whether it is watched now, and its risk when the server scores it.</summary>
internal static class WatchTable
{
    public static Table Create(IEnumerable<WatchEntry> entries)
    {
        var table = new Table()
            .AddColumn("id")
            .AddColumn("kind")
            .AddColumn("where")
            .AddColumn("days")
            .AddColumn("title")
            .AddColumn("watched from")
            .AddColumn("watched until")
            .AddColumn("now")
            .AddColumn("risk");
        foreach (var e in entries)
        {
            var days = e.End == e.Start ? Day(e.Start) : $"{Day(e.Start)}…{Day(e.End)}";
            table.AddRow(
                Markup.Escape(e.Id),
                e.Kind,
                e.Region ?? e.Country,
                days,
                Markup.Escape(e.Title),
                Figures.Time(e.WatchFrom),
                Figures.Time(e.WatchUntil),
                e.WatchedNow ? "[bold]watched[/]" : "",
                e.Risk is { } risk ? Markup.Escape(risk.Level) : "–");
        }

        return table;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
