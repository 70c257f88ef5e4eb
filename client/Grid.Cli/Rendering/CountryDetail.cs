using Grid.Client.Model;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Grid.Cli.Rendering;

/// <summary><c>grid status CC</c>: one country's level, its open event, each signal against its baseline, and its recent history.</summary>
internal static class CountryDetail
{
    public static IRenderable Create(EntityStatus status, SignalHistory? history)
    {
        var heading = new Markup(
            $"[bold]{Markup.Escape(status.Code)}[/] {Markup.Escape(status.Name ?? "")}  " +
            $"[{LevelStyle.Of(status.Level).ToMarkup()}]{Markup.Escape(status.Level)}[/]  updated {Figures.Time(status.UpdatedAt)}");
        var rows = new List<IRenderable> { heading };
        if (status.OpenEvent is { } open)
        {
            rows.Add(new Markup($"open event {Markup.Escape(open.Id)}: {Markup.Escape(open.Level)} since {Figures.Time(open.Start)}, deepest drop {open.Fraction:P0} below baseline{(open.Election ? ", during an election" : "")}"));
        }

        var signals = new Table()
            .AddColumn("signal")
            .AddColumn(new TableColumn("value").RightAligned())
            .AddColumn(new TableColumn("baseline").RightAligned())
            .AddColumn(new TableColumn("ratio").RightAligned())
            .AddColumn("level")
            .AddColumn("at")
            .AddColumn("history");
        foreach (var (name, signal) in status.Signals.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var points = history?.Signals.TryGetValue(name, out var found) == true ? found : [];
            signals.AddRow(
                new Text(name),
                new Text(Figures.Number(signal.Value)),
                new Text(Figures.Number(signal.Baseline)),
                new Text(Figures.Ratio(signal)),
                LevelStyle.Markup(signal.Level),
                new Text(Figures.Time(signal.At)),
                new Text(Sparkline.Of(points)));
        }

        rows.Add(signals);
        return new Rows(rows);
    }
}
