using System.Reflection;

namespace Grid.Cli.Tests;

public sealed class RootCommandTests
{
    // Directory.Build.props' <Version>, which this test assembly is stamped with as well (see the csproj).
    private static readonly string ReleaseVersion = typeof(RootCommandTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "GridVersion").Value!;

    [Fact]
    public async Task VersionPrintsTheReleaseVersionAndExitsZero()
    {
        var result = await GridExecutable.RunAsync("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(ReleaseVersion, result.StandardOutput.Trim());
    }

    [Fact]
    public async Task HelpDescribesGridAndTheServerOptions()
    {
        var result = await GridExecutable.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("internet-shutdown observatory", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("--server", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("GRID_SERVER", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("--api-key", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:5080", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownOptionFailsNamingTheOptionAndShowingUsage()
    {
        var result = await GridExecutable.RunAsync("--no-such-option");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Unrecognized command or argument '--no-such-option'", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("Usage:", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerThatIsNotAnHttpUrlIsRejectedWithAnExample()
    {
        var result = await GridExecutable.RunAsync("--server", "grid.example:5080");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--server must be an http:// or https:// URL such as http://127.0.0.1:5080", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerFromTheEnvironmentIsValidatedToo()
    {
        var result = await GridExecutable.RunAsync(new Dictionary<string, string?> { ["GRID_SERVER"] = "not a url" });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("GRID_SERVER must be an http:// or https:// URL", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerFromTheEnvironmentIsShownAsTheDefault()
    {
        var result = await GridExecutable.RunAsync(
            new Dictionary<string, string?> { ["GRID_SERVER"] = "https://grid.example:8443" }, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("[default: https://grid.example:8443/]", result.StandardOutput, StringComparison.Ordinal);
    }
}
