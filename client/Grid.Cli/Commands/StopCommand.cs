using System.CommandLine;

namespace Grid.Cli.Commands;

/// <summary><c>grid stop</c>: Grid's events beside Access Now's STOP dataset of internet shutdowns.</summary>
internal sealed class StopCommand : Command
{
    public StopCommand(GlobalOptions global)
        : base("stop", "Grid's events beside Access Now's STOP dataset of internet shutdowns: write them as STOP rows, or match them with STOP's.")
    {
        Subcommands.Add(new StopExportCommand(global));
        Subcommands.Add(new StopMatchCommand(global));
    }
}
