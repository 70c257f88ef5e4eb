using System.CommandLine;
using System.Globalization;
using Grid.Cli.Backtesting;
using Grid.Cli.Conversions;
using Grid.Grains.Text;

namespace Grid.Cli.Commands;

/// <summary><c>grid convert</c>: public outage data into series that <c>grid backtest</c> and <c>POST /v1/signals</c> take.</summary>
internal sealed class ConvertCommand : Command
{
    public ConvertCommand()
        : base("convert", "Turn public measurement data into series CSV (time,entity,signal,value) for grid backtest and POST /v1/signals.")
    {
        Subcommands.Add(Monash());
        Subcommands.Add(Regions());
    }

    private static Command Monash()
    {
        var file = new Argument<string>("FILE") { Description = "A Monash IP Observatory file: one row per answer of an address, local times" };
        var offset = new Option<string>("--offset") { Description = "The UTC offset of the file's local times, as +06:30 for Myanmar", Required = true };
        var output = Output();
        var command = new Command("monash", "Per-address answers (Monash IP Observatory) into the addresses answering per hour, signal 'answers', for region/CC-<name_1>.") { file, offset, output };
        command.SetAction(parseResult =>
        {
            var text = parseResult.GetValue(offset)!.Trim();
            if (!TryParseOffset(text, out var utcOffset))
            {
                Console.Error.WriteLine($"grid: --offset {text}: write the offset as +06:30 or -05:00");
                return 1;
            }

            return Run(parseResult.GetValue(file)!, parseResult.GetValue(output), reader => MonashAnswers.Convert(reader, parseResult.GetValue(file)!, utcOffset));
        });
        return command;
    }

    private static Command Regions()
    {
        var file = new Argument<string>("FILE") { Description = "Hourly connectivity per county: iso,id_1,name_1,id_2,name_2,time_e,time_e_str,lat,lon,connectivity" };
        var output = Output();
        var command = new Command("regions", "Per-county connectivity indices into hourly region and country series, signal 'connectivity' (mean × 1,000).") { file, output };
        command.SetAction(parseResult => Run(parseResult.GetValue(file)!, parseResult.GetValue(output), reader => RegionConnectivity.Convert(reader, parseResult.GetValue(file)!)));
        return command;
    }

    /// <summary>+06:30, -05:00 or 05:30 (east of UTC), within ±14 h as ISO 8601 offsets are.</summary>
    private static bool TryParseOffset(string text, out TimeSpan offset)
    {
        var west = text.StartsWith('-');
        var ok = TimeSpan.TryParseExact(text.TrimStart('+', '-'), @"hh\:mm", CultureInfo.InvariantCulture, out offset) && offset <= TimeSpan.FromHours(14);
        offset = west ? -offset : offset;
        return ok;
    }

    private static Option<string?> Output() => new("--output", "-o") { Description = "Write the series here instead of standard output" };

    private static int Run(string file, string? output, Func<TextReader, (List<(DateTimeOffset, string, string, double)> Rows, List<InputProblem> Problems)> convert)
    {
        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"grid: {file}: no such file");
            return 1;
        }

        using var reader = new StreamReader(file);
        var (rows, problems) = convert(reader);
        BacktestInputs.Report(problems, "rows");
        if (rows.Count == 0)
        {
            Console.Error.WriteLine($"grid: {file}: nothing to convert");
            return 1;
        }

        using (var writer = output is null ? Console.Out : new StreamWriter(output))
        {
            HourlySeries.Write(writer, rows);
        }

        Console.Error.WriteLine($"grid: {rows.Count:N0} hourly points{(output is null ? "" : $" written to {output}")}");
        return problems.Count > 0 ? 2 : 0;
    }
}
