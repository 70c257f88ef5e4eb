using System.Globalization;
using Grid.Grains.Detection;
using Grid.Grains.Shutdowns;
using Spectre.Console;

namespace Grid.Cli.Rendering;

/// <summary><c>grid stop match</c>'s three tables: STOP rows Grid matched, events only Grid saw, STOP rows only STOP has.</summary>
internal static class StopComparisonTables
{
    public static void Write(IAnsiConsole console, StopComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(comparison);
        var matched = RowTable().AddColumn(new TableColumn("events").RightAligned()).AddColumn("first event");
        foreach (var match in comparison.Matched)
        {
            var first = match.Events[0];
            matched.AddRow(RowCells(match.Row).Cast<Spectre.Console.Rendering.IRenderable>()
                .Append(new Text(match.Events.Count.ToString("N0", CultureInfo.InvariantCulture)))
                .Append(new Text($"{first.Location} {Figures.Time(first.Start)}")));
        }

        console.Write(new Rule("matched: STOP rows Grid saw") { Justification = Justify.Left });
        console.Write(matched);

        var gridOnly = new Table().AddColumn("entity").AddColumn("level").AddColumn("start").AddColumn("end").AddColumn(new TableColumn("drop").RightAligned()).AddColumn("mechanism");
        foreach (var e in comparison.GridOnly)
        {
            gridOnly.AddRow(
                new Text(e.Location),
                LevelStyle.Markup(e.Level.Name()),
                new Text(Figures.Time(e.Start)),
                new Text(e.End is { } end ? Figures.Time(end) : "open"),
                new Text(Figures.Number(e.Fraction, "P0")),
                new Text(e.Mechanism));
        }

        console.Write(new Rule("only Grid: events STOP does not list") { Justification = Justify.Left });
        console.Write(gridOnly);

        var stopOnly = RowTable();
        foreach (var row in comparison.StopOnly)
        {
            stopOnly.AddRow(RowCells(row));
        }

        console.Write(new Rule("only STOP: rows Grid did not see") { Justification = Justify.Left });
        console.Write(stopOnly);
    }

    private static Table RowTable() => new Table().AddColumn("country").AddColumn("start").AddColumn("end").AddColumn("scope").AddColumn("area").AddColumn("type").AddColumn("cause");

    private static Text[] RowCells(StopRecord row) =>
    [
        new(row.CountryName),
        new(row.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        new(row.End?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—"),
        new(row.Scope.ToString().ToLowerInvariant()),
        new(row.AreaName.Length > 40 ? row.AreaName[..39] + "…" : row.AreaName),
        new(StopVocabulary.Text(row.Type)),
        new(row.CauseText),
    ];
}
