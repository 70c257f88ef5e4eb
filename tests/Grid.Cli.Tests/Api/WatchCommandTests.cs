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
        // Through env --default-signal=INT: a test run started as a background job inherits SIGINT
        // ignored (POSIX shells ignore it for background commands), and the runtime then keeps
        // ignoring it, as a backgrounded `grid watch` should. A user's Ctrl-C reaches a foreground watch.
        var start = new ProcessStartInfo("env")
        {
            ArgumentList = { "--default-signal=INT", GridExecutable.PathToGrid, "watch", "BY", "--interval", "1", "--server", silo.BaseAddress.ToString() },
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
        // Standard error is read as well: an unread pipe that fills up blocks the process's writes, and its exit.
        var errors = new ConcurrentQueue<string>();
        watch.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                errors.Enqueue(line);
            }
        };
        watch.BeginOutputReadLine();
        watch.BeginErrorReadLine();
        try
        {
            // The simulated prober's count of BY wobbles every 10 s, so a second line follows the first.
            await Poll.UntilAsync("grid watch printed two lines", () => Task.FromResult(lines.Count >= 2), TimeSpan.FromSeconds(60));
            await ExternalCommand.RunAsync("kill", ["-INT", watch.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await watch.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                // Say what the process was doing: its signal masks show whether SIGINT was ignored.
                var signals = File.Exists($"/proc/{watch.Id}/status")
                    ? string.Join("; ", File.ReadLines($"/proc/{watch.Id}/status").Where(l => l.StartsWith("Sig", StringComparison.Ordinal) || l.StartsWith("State", StringComparison.Ordinal)))
                    : "gone";
                Assert.Fail($"grid watch did not end within 20 s of SIGINT ({signals}); it printed: {string.Join(" | ", lines)}; on stderr: {string.Join(" | ", errors.Take(20))}");
            }
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
