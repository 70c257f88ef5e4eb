using Grid.Grains.Watch;
using Grid.Silo.Hosting.Cluster;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Hosting;

/// <summary>
/// Asks the notices grain every <c>Grid:Watch:NoticeTick</c> whether a watch notice is due. Every
/// silo asks; the grain is one activation and records what it sent, so more askers send nothing twice.
/// </summary>
internal sealed partial class WatchNoticeTicks(IGrainFactory grains, SiloReadiness readiness, IOptions<WatchOptions> options, ILogger<WatchNoticeTicks> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!readiness.IsReady)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), stoppingToken);
            }

            using var timer = new PeriodicTimer(options.Value.NoticeTick);
            do
            {
                try
                {
                    var sent = await grains.GetGrain<IWatchNoticesGrain>(IWatchNoticesGrain.Key).Check();
                    if (sent > 0)
                    {
                        LogSent(logger, sent);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A failed check costs one tick: what was not recorded as sent is due again at the next.
                    LogFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch notices: {Sent} queued")]
    private static partial void LogSent(ILogger logger, int sent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch notices could not be checked; trying again at the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
