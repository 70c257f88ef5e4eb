using System.CommandLine;

namespace Grid.Cli.Commands;

/// <summary>`grid geo`: the registry data that places address space and ASes in countries.</summary>
internal sealed class GeoCommand : Command
{
    public GeoCommand()
        : base("geo", "Registry data that places address space and ASes in countries")
    {
        Subcommands.Add(new GeoFetchCommand());
    }
}
