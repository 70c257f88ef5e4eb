using Grid.Testing.Processes;
using Grid.Testing.Silo;

namespace Grid.Cli.Tests.Api;

/// <summary>Runs `grid` pointed at a silo through GRID_SERVER, with or without GRID_API_KEY.</summary>
internal static class GridAgainst
{
    public static Task<CommandResult> RunAsync(DemoSilo silo, params string[] arguments) =>
        GridExecutable.RunAsync(new Dictionary<string, string?> { ["GRID_SERVER"] = silo.BaseAddress.ToString() }, arguments);

    public static Task<CommandResult> RunWithKeyAsync(DemoSilo silo, string key, params string[] arguments) =>
        GridExecutable.RunAsync(new Dictionary<string, string?> { ["GRID_SERVER"] = silo.BaseAddress.ToString(), ["GRID_API_KEY"] = key }, arguments);
}
