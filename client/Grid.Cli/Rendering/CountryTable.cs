using Grid.Client.Model;
using Spectre.Console;

namespace Grid.Cli.Rendering;

/// <summary><c>grid status</c>: one row per country, its level in colour, its signals against their baselines.</summary>
internal static class CountryTable
{
    public static Table Create(IEnumerable<EntityStatus> statuses)
    {
        var table = new Table()
            .AddColumn("code")
            .AddColumn("name")
            .AddColumn("level")
            .AddColumn(new TableColumn("BGP / baseline").RightAligned())
            .AddColumn(new TableColumn("probes / baseline").RightAligned())
            .AddColumn("since");
        foreach (var status in statuses)
        {
            table.AddRow(
                new Text(status.Code),
                new Text(status.Name ?? Figures.None),
                LevelStyle.Markup(status.Level),
                new Text(Figures.Ratio(status.Signal(SignalNames.Bgp))),
                new Text(Figures.Ratio(status.Signal(SignalNames.Probes))),
                new Text(Figures.Since(status)));
        }

        return table;
    }
}
