using Grid.Grains.Alerts;
using Grid.Grains.Detection;
using Grid.Silo.Hosting.Cluster;

namespace Grid.Silo.Hosting;

/// <summary>
/// Once the runtime is up, asks the alert grain to activate every subscription's outbox, so
/// deliveries left pending by a restart (receiver down, silo stopped) resume without waiting for
/// the next anomaly.
/// </summary>
internal sealed partial class AlertOutboxResume(IGrainFactory grains, SiloReadiness readiness, ILogger<AlertOutboxResume> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!readiness.IsReady && !stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), stoppingToken);
        }

        try
        {
            var pending = await grains.GetGrain<IAlertGrain>(AnomalyStream.Key).Resume();
            if (pending > 0)
            {
                LogResumed(logger, pending);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert outbox resumed with {Pending} pending deliveries")]
    private static partial void LogResumed(ILogger logger, int pending);

    [LoggerMessage(Level = LogLevel.Error, Message = "The alert outbox could not resume; it will resume with the next anomaly")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
