using Grid.Runtime.Activation;
using Microsoft.Extensions.Options;

namespace Grid.Runtime.Hosting;

/// <summary>Sweeps for overdue calls a few times per call timeout (at most every second).</summary>
internal sealed class CallWatchdog(GrainRuntime runtime, IOptions<GridRuntimeOptions> options)
    : PeriodicSweep(IntervalFor(options.Value.CallTimeout))
{
    protected override void Sweep() => runtime.ExpireOverdueCalls();

    private static TimeSpan IntervalFor(TimeSpan timeout) => timeout == Timeout.InfiniteTimeSpan
        ? Timeout.InfiniteTimeSpan
        : TimeSpan.FromTicks(Math.Clamp(timeout.Ticks / 4, TimeSpan.TicksPerMillisecond * 50, TimeSpan.TicksPerSecond));
}
