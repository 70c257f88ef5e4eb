using System.Diagnostics;

namespace Grid.Testing.Lab;

/// <summary>What a poll saw: whether the awaited condition holds, and the state, for the timeout message.</summary>
public readonly record struct Observation(bool Holds, string Seen);

/// <summary>
/// Polls a daemon for a real condition (session up, route counts, a file complete) instead of
/// sleeping. Polls start fast (a birdc or vtysh call costs a few ms) and back off to 250 ms.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Waits until <paramref name="observe"/> holds. Fails at once when <paramref name="daemon"/>
    /// exits, and after <paramref name="timeout"/> with <paramref name="what"/>, the last state seen
    /// and the daemon's log tail.
    /// </summary>
    public static async Task HoldsAsync(
        DaemonProcess daemon, string what, Func<Task<Observation>> observe, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var delay = FirstDelay;
        while (true)
        {
            if (daemon.HasExited)
            {
                throw daemon.Failure($"exited while waiting until {what}.");
            }
            var observation = await observe();
            if (observation.Holds)
            {
                return;
            }
            if (clock.Elapsed > timeout)
            {
                throw daemon.Failure($"timed out after {timeout.TotalSeconds:0.#} s waiting until {what}; last saw {observation.Seen}.");
            }
            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestDelay.Ticks));
        }
    }
}
