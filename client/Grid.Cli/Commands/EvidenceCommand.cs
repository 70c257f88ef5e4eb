using System.CommandLine;
using System.CommandLine.Help;

namespace Grid.Cli.Commands;

/// <summary>`grid evidence`: check Grid's signed evidence bundles without trusting the server that made them.</summary>
internal sealed class EvidenceCommand : Command
{
    public EvidenceCommand(GlobalOptions global)
        : base("evidence", "Signed evidence bundles of outage events and the transparency log that chains them")
    {
        Subcommands.Add(new EvidenceGetCommand(global));
        Subcommands.Add(new EvidenceVerifyCommand());
        SetAction(parseResult => new HelpAction().Invoke(parseResult));
    }
}
