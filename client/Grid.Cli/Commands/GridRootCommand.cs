using System.CommandLine;
using System.CommandLine.Help;

namespace Grid.Cli.Commands;

/// <summary>
/// The `grid` command. Subcommands are added here, one file each in this folder; --help and
/// --version (the assembly's informational version) come with <see cref="RootCommand"/>.
/// </summary>
internal sealed class GridRootCommand : RootCommand
{
    public GridRootCommand()
        : base("Grid: an internet-shutdown observatory. Query country and AS status, alerts and feeds of a Grid server.")
    {
        Options.Add(Global.Server);
        Options.Add(Global.ApiKey);
        Subcommands.Add(new GeoCommand());
        Subcommands.Add(new MrtCommand());
        Subcommands.Add(new BacktestCommand());
        Subcommands.Add(new StopCommand(Global));
        Subcommands.Add(new EvidenceCommand(Global));
        Subcommands.Add(new ConvertCommand());
        Subcommands.Add(new StatusCommand(Global));
        Subcommands.Add(new WatchCommand(Global));
        Subcommands.Add(new EventsCommand(Global));
        Subcommands.Add(new ElectionsCommand(Global));
        Subcommands.Add(new SubscriptionsCommand(Global));
        Subcommands.Add(new KeysCommand(Global));

        // `grid` alone explains itself instead of failing.
        SetAction(parseResult => new HelpAction().Invoke(parseResult));
    }

    public GlobalOptions Global { get; } = new();
}
