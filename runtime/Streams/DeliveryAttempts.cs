using Microsoft.Extensions.Logging;

namespace Grid.Runtime.Streams;

/// <summary>
/// Retries one event for one subscriber, then logs and drops it, so that one poisonous event
/// cannot stall the stream for everyone behind it. Backoff doubles from 50 ms.
/// </summary>
internal static partial class DeliveryAttempts
{
    public static async Task RunAsync(Func<Task> deliver, int attempts, ILogger logger, StreamId stream, StreamSequenceToken token, string subscriber)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await deliver().ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (attempt < attempts)
            {
                LogRetry(logger, ex, stream, token.SequenceNumber, subscriber, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(50 << (attempt - 1))).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogDropped(logger, ex, stream, token.SequenceNumber, subscriber, attempt);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {Sequence} of stream {Stream} failed in {Subscriber} (attempt {Attempt}); retrying")]
    private static partial void LogRetry(ILogger logger, Exception exception, StreamId stream, long sequence, string subscriber, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event {Sequence} of stream {Stream} dropped for {Subscriber} after {Attempt} attempts")]
    private static partial void LogDropped(ILogger logger, Exception exception, StreamId stream, long sequence, string subscriber, int attempt);
}
