using Grid.Testing.Processes;

namespace Grid.Cli.Tests;

/// <summary>
/// The built `grid` executable, run as a real process the way a user runs it. The project
/// reference to Grid.Cli copies its app host next to the test assembly.
/// </summary>
internal static class GridExecutable
{
    public static readonly string PathToGrid =
        Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "grid.exe" : "grid");

    public static Task<CommandResult> RunAsync(params string[] arguments) =>
        RunAsync(new Dictionary<string, string?>(), arguments);

    /// <summary>Runs grid with its GRID_* variables cleared, plus <paramref name="environment"/>.</summary>
    public static Task<CommandResult> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var isolated = new Dictionary<string, string?> { ["GRID_SERVER"] = null, ["GRID_API_KEY"] = null, ["GRID_GEO_DIR"] = null };
        foreach (var (name, value) in environment)
        {
            isolated[name] = value;
        }
        return ExternalCommand.RunAsync(PathToGrid, arguments, timeout: TimeSpan.FromSeconds(30), environment: isolated);
    }

    /// <summary>Runs grid and keeps its standard output as the exact octets written.</summary>
    public static Task<BinaryCommandResult> RunCapturingBytesAsync(params string[] arguments) =>
        ExternalCommand.RunCapturingBytesAsync(PathToGrid, arguments, TimeSpan.FromMinutes(2),
            new Dictionary<string, string?> { ["GRID_SERVER"] = null, ["GRID_API_KEY"] = null });
}
