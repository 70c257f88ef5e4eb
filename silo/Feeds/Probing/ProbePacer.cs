using System.Diagnostics;

namespace Grid.Silo.Feeds.Probing;

/// <summary>
/// The global cap on probes per second, as a token bucket refilled from the clock: a prober may
/// send in short bursts (up to 50 ms of budget) but never more than the rate over any longer span.
/// The burst is what lets a prober that overslept (timers on a loaded machine wake late) catch up
/// instead of losing rate. A rate of 0 lifts the cap (benchmarks).
/// </summary>
public sealed class ProbePacer(double ratePerSecond)
{
    private readonly double _ticksPerProbe = ratePerSecond > 0 ? Stopwatch.Frequency / ratePerSecond : 0;
    private readonly long _burst = ratePerSecond > 0 ? Stopwatch.Frequency / 20 : 0;
    private long _next = Stopwatch.GetTimestamp();

    public double RatePerSecond => ratePerSecond;

    /// <summary>Waits until one more probe may go out.</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        if (_ticksPerProbe == 0)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        // Unused budget older than the burst window is lost: an idle prober does not earn a flood.
        _next = Math.Max(_next, now - _burst) + (long)_ticksPerProbe;
        var ahead = _next - now;
        // Sleep only for whole milliseconds or more: shorter timers are not kept anyway.
        if (ahead > Stopwatch.Frequency / 500)
        {
            await Task.Delay(TimeSpan.FromSeconds((double)ahead / Stopwatch.Frequency), cancellationToken);
        }
    }
}
