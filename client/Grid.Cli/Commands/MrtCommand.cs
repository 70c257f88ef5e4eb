using System.CommandLine;
using System.CommandLine.Help;

namespace Grid.Cli.Commands;

/// <summary>`grid mrt`: work with MRT routing archives (RFC 6396) locally; no server needed.</summary>
internal sealed class MrtCommand : Command
{
    public MrtCommand()
        : base("mrt", "Read MRT routing archives (RFC 6396) from RouteViews, RIPE RIS or your own collectors")
    {
        Subcommands.Add(new MrtDumpCommand());
        Subcommands.Add(new MrtStatsCommand());
        SetAction(parseResult => new HelpAction().Invoke(parseResult));
    }
}
