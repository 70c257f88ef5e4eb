using Grid.Testing.Processes;

namespace Grid.Bench.Api;

/// <summary>Runs the real wrk load generator (Debian's package) and reads its report.</summary>
internal static class Wrk
{
    public static async Task<WrkResult> RunAsync(Uri url, int connections, int seconds, int threads = 2)
    {
        var run = await ExternalCommand.RunAsync("wrk", [$"-t{Math.Min(threads, connections)}", $"-c{connections}", $"-d{seconds}s", "--latency", url.ToString()], timeout: TimeSpan.FromSeconds(seconds + 30));
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed with {run.ExitCode} (install it: apt-get install wrk):\n{run.Output}");
        }

        return WrkResult.Parse(run.StandardOutput);
    }
}
