using System.Globalization;
using System.Text.Json;
using Grid.Cli.Rendering;
using Grid.Grains.Backtesting;
using Grid.Grains.Detection;
using Spectre.Console;

namespace Grid.Cli.Backtesting;

/// <summary>What <c>grid backtest</c> prints: the events (entity, level, start, end, score, datasource), each entity's level changes, and the score against truth.</summary>
internal static class BacktestReport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>One CODF object per event per line, with the fields of <c>GET /v1/events</c>.</summary>
    public static void WriteJson(TextWriter output, BacktestResult result)
    {
        foreach (var outage in result.Events)
        {
            output.WriteLine(JsonSerializer.Serialize(CodfEvent.From(outage), Json));
        }
    }

    public static void WriteTables(IAnsiConsole console, BacktestResult result)
    {
        // The API's own shape (CodfEvent), with the end and score a backtest is read for.
        var events = result.Events.Select(CodfEvent.From).ToList();
        var table = new Table()
            .AddColumn("entity")
            .AddColumn("level")
            .AddColumn("start")
            .AddColumn("end")
            .AddColumn(new TableColumn("duration").RightAligned())
            .AddColumn(new TableColumn("score").RightAligned())
            .AddColumn(new TableColumn("drop").RightAligned())
            .AddColumn("datasource");
        foreach (var e in events)
        {
            table.AddRow(
                new Text(e.Location),
                LevelStyle.Markup(e.Level.Name()),
                new Text(Figures.Time(e.StartTime)),
                new Text(e.EndTime is { } end ? Figures.Time(end) : "open"),
                new Text(Figures.Duration(TimeSpan.FromSeconds(e.Duration))),
                new Text(Figures.Number(e.Score, "N1")),
                new Text(Figures.Number(e.Fraction, "P0")),
                new Text(e.Datasource.Length == 0 ? Figures.None : e.Datasource));
        }

        console.Write(new Rule("events") { Justification = Justify.Left });
        console.Write(table);
        console.Write(new Rule("level changes") { Justification = Justify.Left });
        var timeline = new Table().AddColumn("entity").AddColumn("at").AddColumn("from").AddColumn("to").AddColumn("signals");
        foreach (var change in result.Changes)
        {
            timeline.AddRow(
                new Text(change.Entity),
                new Text(Figures.Time(change.At)),
                new Text(change.PreviousLevel.Name()),
                LevelStyle.Markup(change.Level.Name()),
                new Text(string.Join(' ', change.Signals.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Signal}={s.Value}{(s.Ratio is { } r ? $" ({r:P0})" : "")}")))));
        }

        console.Write(timeline);
    }

    public static void WriteScore(IAnsiConsole console, IReadOnlyList<BacktestScore> scores)
    {
        var table = new Table()
            .AddColumn("entity")
            .AddColumn(new TableColumn("outages").RightAligned())
            .AddColumn(new TableColumn("found").RightAligned())
            .AddColumn(new TableColumn("recall").RightAligned())
            .AddColumn(new TableColumn("events").RightAligned())
            .AddColumn(new TableColumn("precision").RightAligned())
            .AddColumn(new TableColumn("onset lag p50").RightAligned())
            .AddColumn(new TableColumn("onset lag p90").RightAligned())
            .AddColumn(new TableColumn("duration error p50").RightAligned());
        foreach (var score in scores)
        {
            table.AddRow(
                score.Entity,
                score.Outages.ToString("N0", CultureInfo.InvariantCulture),
                score.Detected.ToString("N0", CultureInfo.InvariantCulture),
                Figures.Number(score.Recall, "P0"),
                score.Events.ToString("N0", CultureInfo.InvariantCulture),
                Figures.Number(score.Precision, "P0"),
                Lag(score.OnsetLagMedian),
                Lag(score.OnsetLagP90),
                Lag(score.DurationErrorMedian));
        }

        console.Write(new Rule("against the truth") { Justification = Justify.Left });
        console.Write(table);
    }

    private static string Lag(TimeSpan? lag) => lag is { } value
        ? (value < TimeSpan.Zero ? "-" : "") + Figures.Duration(value.Duration())
        : Figures.None;
}
