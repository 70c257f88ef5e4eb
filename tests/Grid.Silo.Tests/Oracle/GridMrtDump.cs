using Grid.Testing.Processes;

namespace Grid.Silo.Tests.Oracle;

/// <summary>
/// Runs the real <c>grid mrt dump -m</c> (the app host the Grid.Cli reference copies next to the
/// tests) on a file and returns its lines: bgpdump's one-line-per-route text, which the replay
/// oracles read instead of Grid's decoder objects.
/// </summary>
internal static class GridMrtDump
{
    private static readonly string Grid = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "grid.exe" : "grid");

    public static async Task<string[]> LinesAsync(string file)
    {
        var dump = await ExternalCommand.RunAsync(Grid, ["mrt", "dump", "-m", file], timeout: TimeSpan.FromMinutes(3));
        Assert.True(dump.ExitCode == 0, $"`grid mrt dump -m {file}` exited with {dump.ExitCode}: {dump.StandardError}");
        return dump.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
