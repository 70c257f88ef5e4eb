using System.CommandLine;
using Grid.Cli.Backtesting;
using Grid.Grains.Shutdowns;
using Grid.Grains.Text;

namespace Grid.Cli.Commands;

/// <summary><c>grid stop export</c>: Grid's events as rows of Access Now's STOP dataset, CSV on standard output.</summary>
internal sealed class StopExportCommand : Command
{
    public StopExportCommand(GlobalOptions global)
        : base("export", $"Write Grid's events as STOP rows (CSV: {StopRow.Header}), oldest first, country names as the STOP sheets spell them. {StopEventOptions.Help}")
    {
        var events = new StopEventOptions();
        events.AddTo(this);
        SetAction((parseResult, cancellationToken) => events.RunAsync(parseResult, global, cancellationToken, (outages, problems) =>
        {
            Console.Out.WriteLine(StopRow.Header);
            foreach (var outage in outages.OrderBy(o => o.Start))
            {
                if (StopRow.From(outage) is { } row)
                {
                    Console.Out.WriteLine(row.ToCsv());
                }
                else
                {
                    problems.Add(new InputProblem(outage.Location, 0, $"event {outage.Id} has no country (no RIR places the AS), so it has no STOP row"));
                }
            }

            BacktestInputs.Report(problems, "events");
            return problems.Count > 0 ? 2 : 0;
        }));
    }
}
