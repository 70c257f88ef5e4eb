using System.Collections.Immutable;
using System.Text;
using Grid.Runtime.Serialization;
using Microsoft.Extensions.Logging;

namespace Grid.Runtime.Streams.Durable;

/// <summary>
/// This silo's explicit subscribers of one stream: one reader follows the log and hands each event,
/// in sequence order, to every subscriber that joined before it was published. Explicit
/// subscriptions hold no offset: like in-process ones, they see what is published while they listen.
/// </summary>
internal sealed partial class StreamTail(
    StreamId stream,
    PostgresStreamLog log,
    StreamNotifications notifications,
    GridSerializer serializer,
    DurableStreamOptions options,
    ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly StreamWakeup _wakeup = new();
    private readonly DatabaseOutage _outage = new(logger, $"subscribers of {stream}");
    private ImmutableArray<Subscription> _subscriptions = [];
    private CancellationTokenSource? _running;
    private Task _loop = Task.CompletedTask;

    public bool IsEmpty
    {
        get
        {
            lock (_gate)
            {
                return _subscriptions.IsEmpty;
            }
        }
    }

    public Task Loop => _loop;

    /// <summary>Adds a subscriber that receives events after <see cref="Subscription.After"/>; starts reading if none read yet.</summary>
    public void Add(Subscription subscription, CancellationToken siloStopping)
    {
        lock (_gate)
        {
            _subscriptions = _subscriptions.Add(subscription);
            if (_running is null)
            {
                _running = CancellationTokenSource.CreateLinkedTokenSource(siloStopping);
                var token = _running.Token;
                using (ExecutionContext.SuppressFlow())
                {
                    _loop = Task.Run(() => RunAsync(subscription.After, token), CancellationToken.None);
                }
            }
        }
    }

    /// <summary>Removes a subscriber; the reader stops with the last one.</summary>
    public void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = _subscriptions.Remove(subscription);
            if (_subscriptions.IsEmpty && _running is not null)
            {
                _running.Cancel();
                _running.Dispose();
                _running = null;
            }
        }
    }

    private async Task RunAsync(long after, CancellationToken cancellationToken)
    {
        using var registration = notifications.Register(stream, _wakeup);
        var backoff = TimeSpan.Zero;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var events = await log.ReadAfterAsync(stream, after, options.BatchSize, cancellationToken).ConfigureAwait(false);
                _outage.Recovered();
                backoff = TimeSpan.Zero;
                foreach (var stored in events)
                {
                    Deliver(stored, cancellationToken);
                    after = stored.Sequence;
                }

                if (events.Count < options.BatchSize)
                {
                    await _wakeup.WaitAsync(options.PollInterval, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _outage.Failed(ex);
                backoff = DatabaseOutage.NextBackoff(backoff);
                try
                {
                    await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Deliver(StoredStreamEvent stored, CancellationToken loop)
    {
        ImmutableArray<Subscription> subscriptions;
        lock (_gate)
        {
            // A reader stopped by the last Remove must not feed the subscribers of its successor.
            if (loop.IsCancellationRequested)
            {
                return;
            }

            subscriptions = _subscriptions;
        }

        var token = new StreamSequenceToken(stored.Sequence);
        var json = Encoding.UTF8.GetBytes(stored.Payload);
        foreach (var subscription in subscriptions.Where(s => stored.Sequence > s.After))
        {
            object? item;
            try
            {
                item = serializer.Deserialize(json, subscription.ItemType);
            }
            catch (System.Text.Json.JsonException ex)
            {
                LogUnreadable(logger, ex, stored.Sequence, stream, subscription.ItemType.Name);
                continue;
            }

            subscription.Subscriber.Post(item, token);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Event {Sequence} of stream {Stream} is not a valid {Type}; skipped")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, long sequence, StreamId stream, string type);

    /// <summary>One explicit subscriber, the type it reads events as, and the last sequence before it joined.</summary>
    internal sealed record Subscription(IStreamSubscriber Subscriber, Type ItemType, long After);
}
