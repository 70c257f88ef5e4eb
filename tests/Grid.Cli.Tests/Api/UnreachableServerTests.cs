using Grid.Testing.Processes;

namespace Grid.Cli.Tests.Api;

public sealed class UnreachableServerTests
{
    [Theory]
    [InlineData("status")]
    [InlineData("events")]
    [InlineData("elections")]
    public async Task NoServerAtTheAddressSaysHowToStartOne(string command)
    {
        var server = $"http://127.0.0.1:{LoopbackPort.FindFree()}";

        var result = await GridExecutable.RunAsync(command, "--server", server);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"grid: no Grid server at {server} (", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("start one with `dotnet run --project silo` or pass --server (or set GRID_SERVER)", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchFailsAtOnceWhenTheFirstReadFails()
    {
        var server = $"http://127.0.0.1:{LoopbackPort.FindFree()}";

        var result = await GridExecutable.RunAsync("watch", "BY", "--server", server);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"grid: no Grid server at {server}", result.StandardError, StringComparison.Ordinal);
    }
}
