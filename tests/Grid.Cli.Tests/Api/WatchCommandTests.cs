using System.Collections.Concurrent;
using System.Diagnostics;
using Grid.Testing.Processes;
using Grid.Testing.Silo;

namespace Grid.Cli.Tests.Api;

[Collection(DemoSiloCollection.Name)]
public sealed class WatchCommandTests(DemoSilo silo)
{
    [Fact]
    public async Task PipedWatchPrintsALinePerChangeAndCtrlCEndsItWithZero()
    {
        var start = new ProcessStartInfo(GridExecutable.PathToGrid)
        {
            ArgumentList = { "watch", "BY", "--interval", "1", "--server", silo.BaseAddress.ToString() },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var watch = Process.Start(start)!;
        var lines = new ConcurrentQueue<string>();
        watch.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lines.Enqueue(line);
            }
        };
        watch.BeginOutputReadLine();
        try
        {
            // The simulated prober's count of BY wobbles every 10 s, so a second line follows the first.
            await Poll.UntilAsync("grid watch printed two lines", () => Task.FromResult(lines.Count >= 2), TimeSpan.FromSeconds(60));
            await ExternalCommand.RunAsync("kill", ["-INT", watch.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await watch.WaitForExitAsync(deadline.Token);
        }
        finally
        {
            if (!watch.HasExited)
            {
                watch.Kill();
            }
        }

        Assert.Equal(0, watch.ExitCode);
        var printed = lines.ToArray();
        Assert.All(printed, line => Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ BY (unknown|normal|warning|critical) ", line));
        // A line only when something changed: no two neighbours say the same after their timestamps.
        Assert.All(printed.Zip(printed.Skip(1)), pair => Assert.NotEqual(pair.First[21..], pair.Second[21..]));
    }
}
