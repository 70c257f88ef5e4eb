using Grid.Client.Model;
using Spectre.Console;

namespace Grid.Cli.Rendering;

/// <summary><c>grid events</c>: newest first, active ones marked, each with its depth and dominant signal.</summary>
internal static class EventTable
{
    public static Table Create(IEnumerable<OutageEvent> events)
    {
        var table = new Table()
            .AddColumn("start")
            .AddColumn("entity")
            .AddColumn("level")
            .AddColumn("status")
            .AddColumn(new TableColumn("duration").RightAligned())
            .AddColumn(new TableColumn("drop").RightAligned())
            .AddColumn("datasource")
            .AddColumn("mechanism")
            .AddColumn("election")
            .AddColumn("id");
        foreach (var e in events)
        {
            table.AddRow(
                new Text(Figures.Time(e.StartTime)),
                new Text(e.Entity),
                LevelStyle.Markup(e.Level),
                new Text(e.Status, e.IsActive ? new Style(decoration: Decoration.Bold) : Style.Plain),
                new Text(Figures.Duration(TimeSpan.FromSeconds(e.Duration))),
                new Text(Figures.Number(e.Fraction, "P0")),
                new Text(e.Datasource.Length == 0 ? Figures.None : e.Datasource),
                new Text(e.Mechanism),
                new Text(e.Election ? "yes" : ""),
                new Text(e.Id));
        }

        return table;
    }
}
