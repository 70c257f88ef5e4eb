using Grid.Grains.Detection;
using Grid.Silo.Hosting.Cluster;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Hosting;

/// <summary>
/// Moves this silo's event clock to the cluster's newest event time once per detection tick
/// (<see cref="IEventClockGrain"/>): detection on every silo then runs on the same clock, whichever
/// silo's grains the latest routes reached. One small grain call per silo per tick.
/// </summary>
internal sealed partial class EventClockExchange(IGrainFactory grains, SignalClock clock, IOptions<DetectionOptions> options, SiloReadiness readiness, ILogger<EventClockExchange> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.Tick);
        var failing = false;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await grains.GetGrain<IEventClockGrain>(IEventClockGrain.Key).Exchange(clock.Latest) is { } newest)
                {
                    clock.Observe(newest);
                }

                failing = false;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A silo that just died held the clock grain: the next tick reaches its new activation.
                if (!failing)
                {
                    LogExchangeFailed(logger, ex.GetBaseException().Message);
                }

                failing = true;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cluster's event clock could not be reached ({Reason}); detection here runs on this silo's own clock until it can")]
    private static partial void LogExchangeFailed(ILogger logger, string reason);
}
