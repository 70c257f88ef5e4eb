using Grid.Testing.Data;
using Grid.Testing.Processes;

namespace Grid.Silo.Tests.Metrics;

/// <summary>Debian's promtool (package <c>prometheus</c>, which .ci/run installs), and where Grid keeps its rules.</summary>
internal static class Promtool
{
    public static string RulesDirectory => Path.Combine(SharedData.RepositoryRoot, "k8s", "prometheus");

    public static Task<CommandResult> RunAsync(params string[] arguments) =>
        ExternalCommand.RunAsync("promtool", arguments, workingDirectory: RulesDirectory);

    /// <summary><c>promtool check metrics</c> reads the exposition from standard input.</summary>
    public static async Task<CommandResult> CheckMetricsAsync(string exposition)
    {
        using var directory = new TemporaryDirectory("grid-metrics-");
        var file = directory.PathOf("metrics.txt");
        await File.WriteAllTextAsync(file, exposition);
        return await ExternalCommand.RunAsync("bash", ["-c", "promtool check metrics < \"$0\"", file]);
    }
}
