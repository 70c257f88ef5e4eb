using System.CommandLine;
using System.Globalization;
using Grid.Cli.Api;
using Grid.Cli.Backtesting;
using Grid.Cli.Rendering;
using Grid.Cli.Shutdowns;
using Grid.Grains.Shutdowns;

namespace Grid.Cli.Commands;

/// <summary>
/// <c>grid stop match</c>: Grid's events against STOP's rows: which rows Grid saw, which events STOP
/// does not list, and which rows Grid did not see, over a range of days.
/// </summary>
internal sealed class StopMatchCommand : Command
{
    public StopMatchCommand(GlobalOptions global)
        : base("match", $"Match Grid's events with the rows of a STOP CSV (the normalized file, or a year's sheet): the rows some event matched, the events no row lists, and the rows no event matched, by country (and area, when both name one) and overlapping days, a day either side. Without --from and --to, the days of the events. {StopEventOptions.Help}")
    {
        var stop = new Option<string>("--stop") { Description = "Access Now's STOP data as CSV: sheet,country,start_date,end_date,geo_scope,area_name,shutdown_type,shutdown_extent,actual_cause,election,event", Required = true };
        var json = new Option<bool>("--json") { Description = "One JSON object (from, to, matched, gridOnly, stopOnly) instead of tables, for scripts" };
        var events = new StopEventOptions();
        Options.Add(stop);
        events.AddTo(this);
        Options.Add(json);
        SetAction((parseResult, cancellationToken) =>
        {
            var file = parseResult.GetValue(stop)!;
            if (!File.Exists(file))
            {
                return Task.FromResult(ServerSession.Fail($"{file}: no such file; Access Now publishes STOP at https://www.accessnow.org/keepiton-data/"));
            }

            StopReadResult read;
            try
            {
                using var reader = new StreamReader(BacktestInputs.Open(file));
                read = StopCsv.Read(reader, file);
            }
            catch (UnreadableInputException e)
            {
                return Task.FromResult(ServerSession.Fail(e.Message));
            }

            return events.RunAsync(parseResult, global, cancellationToken, (outages, problems) =>
            {
                problems.AddRange(read.Problems);
                BacktestInputs.Report(problems, "lines and rows");
                if (read.Notes.Count > 0)
                {
                    Console.Error.WriteLine($"grid: {read.Notes.Count:N0} STOP rows were read in part (the first: {read.Notes[0]})");
                }

                if (read.Records.Count == 0)
                {
                    return ServerSession.Fail($"{file}: no STOP rows to match");
                }

                var country = parseResult.GetValue(events.Country);
                var rows = read.Records.Where(r => country is null || r.Country.ToString() == country);
                var now = DateTimeOffset.UtcNow;
                var from = parseResult.GetValue(events.From) ?? (outages.Count > 0 ? DateOnly.FromDateTime(outages.Min(o => o.Start).UtcDateTime) : DateOnly.FromDateTime(now.UtcDateTime));
                var to = parseResult.GetValue(events.To) ?? (outages.Count > 0 ? DateOnly.FromDateTime(outages.Max(o => o.EndOr(now)).UtcDateTime) : from);
                var comparison = StopMatching.Compare(outages, rows, from, to, now);
                if (parseResult.GetValue(json))
                {
                    JsonOutput.Write(StopComparisonJson.Of(comparison));
                }
                else
                {
                    StopComparisonTables.Write(Terminal.Create(), comparison);
                }

                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"grid: {from:yyyy-MM-dd} to {to:yyyy-MM-dd}: {comparison.Matched.Count:N0} STOP rows matched, {comparison.GridOnly.Count:N0} events only Grid saw, {comparison.StopOnly.Count:N0} STOP rows only STOP has"));
                return problems.Count > 0 ? 2 : 0;
            });
        });
    }
}
