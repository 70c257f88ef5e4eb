using Microsoft.Extensions.Logging;

namespace Grid.Runtime.Streams.Durable;

/// <summary>Logs the start and the end of a database outage once each, not every failed retry.</summary>
internal sealed partial class DatabaseOutage(ILogger logger, string consumer)
{
    private int _down;

    public static TimeSpan NextBackoff(TimeSpan current) =>
        TimeSpan.FromMilliseconds(Math.Min(Math.Max(current.TotalMilliseconds * 2, 500), 30_000));

    public void Failed(Exception exception)
    {
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            LogDown(logger, consumer, exception.Message);
        }
    }

    public void Recovered()
    {
        if (Interlocked.Exchange(ref _down, 0) == 1)
        {
            LogUp(logger, consumer);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream log unreachable for {Consumer}: {Reason}. Check Grid:Cluster:Postgres; retrying with backoff, events wait in the log")]
    private static partial void LogDown(ILogger logger, string consumer, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream log reachable again for {Consumer}")]
    private static partial void LogUp(ILogger logger, string consumer);
}
