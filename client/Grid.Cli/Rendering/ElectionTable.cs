using Grid.Client.Model;
using Spectre.Console;

namespace Grid.Cli.Rendering;

/// <summary><c>grid elections</c>: the calendar, with the window in which Grid tags events as election-related.</summary>
internal static class ElectionTable
{
    public static Table Create(IEnumerable<Election> elections)
    {
        var table = new Table()
            .AddColumn("country")
            .AddColumn("date")
            .AddColumn("type")
            .AddColumn("watched from")
            .AddColumn("watched until")
            .AddColumn("source");
        foreach (var e in elections)
        {
            table.AddRow(
                e.Country,
                e.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(e.Type),
                Figures.Time(e.WatchFrom),
                Figures.Time(e.WatchUntil),
                Markup.Escape(e.Source));
        }

        return table;
    }
}
