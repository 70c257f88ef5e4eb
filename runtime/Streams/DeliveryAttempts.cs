using Microsoft.Extensions.Logging;

namespace Grid.Runtime.Streams;

/// <summary>
/// Retries one event for one subscriber, then logs and drops it, so that one poisonous event
/// cannot stall the stream for everyone behind it. Backoff doubles from 50 ms. A durable stream
/// passes <c>keep</c>: a last failure it matches (an unreachable silo or database) is not the
/// event's fault, so the event is kept for a later delivery instead of dropped.
/// </summary>
internal static partial class DeliveryAttempts
{
    /// <summary>Returns false if the event was kept (its last failure matched <paramref name="keep"/>), true if it was delivered or dropped.</summary>
    public static async Task<bool> RunAsync(
        Func<Task> deliver, int attempts, ILogger logger, StreamId stream, StreamSequenceToken token, string subscriber, Func<Exception, bool>? keep = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await deliver().ConfigureAwait(false);
                return true;
            }
            catch (Exception ex) when (attempt < attempts)
            {
                LogRetry(logger, ex, stream, token.SequenceNumber, subscriber, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(50 << (attempt - 1))).ConfigureAwait(false);
            }
            catch (Exception ex) when (keep?.Invoke(ex) == true)
            {
                LogKept(logger, stream, token.SequenceNumber, subscriber, attempt, ex.Message);
                return false;
            }
            catch (Exception ex)
            {
                LogDropped(logger, ex, stream, token.SequenceNumber, subscriber, attempt);
                return true;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {Sequence} of stream {Stream} failed in {Subscriber} (attempt {Attempt}); retrying")]
    private static partial void LogRetry(ILogger logger, Exception exception, StreamId stream, long sequence, string subscriber, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {Sequence} of stream {Stream} failed in {Subscriber} after {Attempt} attempts for want of a silo or the database ({Reason}); kept in the log for a later attempt")]
    private static partial void LogKept(ILogger logger, StreamId stream, long sequence, string subscriber, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event {Sequence} of stream {Stream} dropped for {Subscriber} after {Attempt} attempts")]
    private static partial void LogDropped(ILogger logger, Exception exception, StreamId stream, long sequence, string subscriber, int attempt);
}
