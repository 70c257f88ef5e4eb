using System.CommandLine;
using Grid.Cli.Backtesting;
using Grid.Cli.Mrt;
using Grid.Cli.Rendering;
using Grid.Grains.Backtesting;
using Grid.Grains.Text;

namespace Grid.Cli.Commands;

/// <summary>
/// <c>grid backtest</c>: Grid's own detection over past series, in this process with no server, and
/// its accuracy against known outages.
/// </summary>
internal sealed class BacktestCommand : Command
{
    public const string Help = "Exit status: 0 success; 1 no usable input, a file is missing or unreadable, or a setting is wrong; 2 rows were left out (named on standard error; the rest was judged).";

    public BacktestCommand()
        : base("backtest", $"Run Grid's detection over past series (CSV time,entity,signal,value) and MRT archives as a silo would judge them, print the events and level changes, and score them against known outages. {Help}")
    {
        var series = new Option<string[]>("--series") { Description = "A series CSV with the header time,entity,signal,value (repeatable); rows need not be sorted" };
        var mrt = new Option<string[]>("--mrt") { Description = "MRT files (RIB dumps, updates; repeatable) replayed into Grid's grains in this process, as a silo replays --mrt; needs --geo", AllowMultipleArgumentsPerToken = true };
        var geo = new Option<string?>("--geo") { Description = "The geography folder for --mrt (RIR statistics files, prefix,country CSVs), as Grid:Geo:Dir; grid geo fetch fills one" };
        var signal = new Option<string[]>("--signal") { Description = "Judge a signal like probes or bgp: NAME=probes (repeatable); other signals start from BGP's settings" };
        var config = new Option<string[]>("--config") { Description = "A setting as in appsettings.json: KEY=VALUE, as Grid:Detection:Signals:answers:MinBaseline=3 or Grid:Signals:Step=01:00:00 (repeatable)" };
        var truth = new Option<string?>("--truth") { Description = "Known outages: CSV entity,start,end[,label], or IODA's investigated-outages CSV; prints recall, precision, onset lag and duration error" };
        var json = new Option<bool>("--json") { Description = "One CODF JSON object per event per line (the fields of GET /v1/events); tables and scores go to standard error" };
        Options.Add(series);
        Options.Add(mrt);
        Options.Add(geo);
        Options.Add(signal);
        Options.Add(config);
        Options.Add(truth);
        Options.Add(json);
        SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(series) ?? [],
            parseResult.GetValue(mrt) ?? [],
            parseResult.GetValue(geo),
            parseResult.GetValue(signal) ?? [],
            parseResult.GetValue(config) ?? [],
            parseResult.GetValue(truth),
            parseResult.GetValue(json),
            cancellationToken));
    }

    private static Task<int> RunAsync(string[] seriesFiles, string[] mrtFiles, string? geoDir, string[] signals, string[] config, string? truthFile, bool json, CancellationToken cancellationToken)
    {
        BacktestSettings settings;
        try
        {
            settings = BacktestSettings.From(signals, config);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"grid: {e.Message}");
            return Task.FromResult(1);
        }

        if (seriesFiles.Length == 0 && mrtFiles.Length == 0)
        {
            Console.Error.WriteLine("grid: give series (--series FILE.csv) or MRT files (--mrt FILE --geo DIR) to judge, or both");
            return Task.FromResult(1);
        }

        if (mrtFiles.Length > 0 && (geoDir is null || !Directory.Exists(geoDir)))
        {
            Console.Error.WriteLine($"grid: --mrt needs --geo DIR, a folder of RIR statistics or prefix,country files{(geoDir is null ? "" : $" ({geoDir} is not a folder)")}; grid geo fetch --dir DIR fills one");
            return Task.FromResult(1);
        }

        var missing = seriesFiles.Concat(mrtFiles).Append(truthFile).OfType<string>().Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0)
        {
            foreach (var file in missing)
            {
                Console.Error.WriteLine($"grid: {file}: no such file");
            }

            return Task.FromResult(1);
        }

        var problems = new List<InputProblem>();
        var show = MrtProgress.ShouldShow(writesDataToStandardOutput: json);
        List<TruthInterval>? truth;
        BacktestResult? result;
        try
        {
            truth = truthFile is null ? null : BacktestInputs.ReadTruth(truthFile, problems);
            // The bar lives while its callback runs, so the judging is waited for inside it.
            result = MrtProgress.Run(show, progress => Judge(seriesFiles, mrtFiles, geoDir, settings, problems, progress, cancellationToken));
        }
        catch (UnreadableInputException e)
        {
            Console.Error.WriteLine($"grid: {e.Message}");
            return Task.FromResult(1);
        }

        BacktestInputs.Report(problems, "rows");
        if (result is null)
        {
            Console.Error.WriteLine(mrtFiles.Length > 0
                ? "grid: the MRT files could not be replayed"
                : $"grid: no points to judge in {string.Join(", ", seriesFiles)}; a series needs the header {SeriesCsv.Header} and at least one good row");
            return Task.FromResult(1);
        }

        var tables = json ? Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(Console.Error) }) : Terminal.Create();
        if (json)
        {
            BacktestReport.WriteJson(Console.Out, result);
        }
        else
        {
            BacktestReport.WriteTables(tables, result);
        }

        if (truth is not null)
        {
            BacktestReport.WriteScore(tables, BacktestScore.Compare(result.Events, truth));
        }

        Console.Error.WriteLine($"grid: judged {result.Points:N0} {(mrtFiles.Length > 0 ? "route elements and points" : "points")} of {result.Entities:N0} entities on a {result.Step} step: {result.Events.Count:N0} events, {result.Changes.Count:N0} level changes");
        return Task.FromResult(problems.Count > 0 ? 2 : 0);
    }

    private static BacktestResult? Judge(string[] seriesFiles, string[] mrtFiles, string? geoDir, BacktestSettings settings, List<InputProblem> problems, MrtProgress progress, CancellationToken cancellationToken)
    {
        var points = BacktestInputs.ReadSeries(seriesFiles, problems, progress);
        if (mrtFiles.Length > 0)
        {
            try
            {
                // Series beside MRT files go to the same grains, in event-time order with the routes.
                var geography = Grid.Geography.GeoDatabase.Load(geoDir!);
                return MrtBacktest.RunAsync(mrtFiles, points, geography, settings.Configuration, problems, progress, cancellationToken).GetAwaiter().GetResult();
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"grid: {e.Message}");
                return null;
            }
        }

        if (points.Count == 0)
        {
            return null;
        }

        progress.StartFile($"judging {points.Count:N0} points", points.Count);
        var run = new Backtest(settings.Detection, settings.Signals)
            .RunAsync(points, progress: new Reported(progress.Report), cancellationToken: cancellationToken)
            .GetAwaiter().GetResult();
        progress.FinishFile();
        return run;
    }

    /// <summary>Reports on the judging thread itself: <see cref="Progress{T}"/> would post them after the bar is gone.</summary>
    private sealed class Reported(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
