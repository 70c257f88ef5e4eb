using Microsoft.Extensions.Hosting;

namespace Grid.Runtime.Hosting;

/// <summary>A background pass over the runtime at a fixed interval (idle collection, overdue calls).</summary>
internal abstract class PeriodicSweep(TimeSpan interval) : BackgroundService
{
    protected abstract void Sweep();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (interval == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                Sweep();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
