using System.Diagnostics;

namespace Grid.Bench.Sessions;

/// <summary>When a polled condition was first seen to hold, and how finely it was looked at.</summary>
/// <param name="Elapsed">Time on the round's clock at the first poll that saw the condition hold.</param>
/// <param name="Polls">Polls made, including the one that saw it.</param>
/// <param name="Period">Mean time from one poll's start to the next: how late the first sighting may be.</param>
internal readonly record struct PollResult(TimeSpan Elapsed, int Polls, TimeSpan Period);

/// <summary>
/// Polls Grid's API or a daemon's control tool until a condition holds. The benchmarks read
/// latencies off the observers, so the poll period bounds their resolution and is reported with them.
/// </summary>
internal static class Poll
{
    public static async Task<PollResult> UntilAsync(Stopwatch clock, Func<Task<bool>> holds, TimeSpan interval, TimeSpan timeout, string what)
    {
        var started = clock.Elapsed;
        var polls = 0;
        while (true)
        {
            var ok = await holds();
            polls++;
            var now = clock.Elapsed;
            if (ok)
            {
                return new PollResult(now, polls, polls > 1 ? (now - started) / (polls - 1) : TimeSpan.Zero);
            }
            if (now - started > timeout)
            {
                throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds:0} s ({polls} polls).");
            }
            if (interval > TimeSpan.Zero)
            {
                await Task.Delay(interval);
            }
        }
    }
}
