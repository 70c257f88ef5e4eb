using Grid.Runtime.Activation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Grid.Runtime.Hosting;

/// <summary>Sweeps for overdue calls a few times per call timeout (at most every second).</summary>
internal sealed class CallWatchdog(GrainRuntime runtime, IOptions<GridRuntimeOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timeout = options.Value.CallTimeout;
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromTicks(Math.Clamp(timeout.Ticks / 4, TimeSpan.TicksPerMillisecond * 50, TimeSpan.TicksPerSecond)));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                runtime.ExpireOverdueCalls();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
