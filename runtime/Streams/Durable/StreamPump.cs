using Grid.Runtime.Activation;
using Grid.Runtime.Serialization;
using Microsoft.Extensions.Logging;

namespace Grid.Runtime.Streams.Durable;

/// <summary>
/// Feeds one activation of an implicit subscriber from the log of one stream, for as long as the
/// activation lives. It starts at the grain's committed offset, posts events as turns in sequence
/// order, and commits the offset once their turns have finished: at-least-once, because an owner
/// that dies between a turn and the commit leaves the event to be delivered again by the next one.
/// Within one activation no event is posted twice.
/// </summary>
internal sealed class StreamPump(
    GrainActivation activation,
    StreamId stream,
    PostgresStreamLog log,
    StreamNotifications notifications,
    GridSerializer serializer,
    DurableStreamOptions options,
    ILogger logger)
{
    private readonly string _subscriber = activation.Id.ToString();
    private readonly DatabaseOutage _outage = new(logger, $"{activation.Id} on {stream}");
    private readonly StreamWakeup _wakeup = new();

    // _committed: what the log says; _posted: how far this activation's turns have got.
    private long _committed = -1;
    private long _posted = -1;

    public async Task RunAsync(CancellationToken siloStopping)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(siloStopping);
        using var registration = notifications.Register(stream, _wakeup);
        _ = activation.Gone.ContinueWith(static (_, state) => Cancel((CancellationTokenSource)state!), stop, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        var backoff = TimeSpan.Zero;
        var kept = TimeSpan.Zero;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var pumped = await PumpOnceAsync(stop.Token).ConfigureAwait(false);
                if (pumped == Pumped.Gone)
                {
                    break;
                }

                backoff = TimeSpan.Zero;
                if (pumped == Pumped.Kept)
                {
                    kept = DatabaseOutage.NextBackoff(kept);
                    await Task.Delay(kept, stop.Token).ConfigureAwait(false);
                    continue;
                }

                kept = TimeSpan.Zero;
                if (pumped == Pumped.More)
                {
                    continue;
                }

                await _wakeup.WaitAsync(options.PollInterval, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                _outage.Failed(ex);
                backoff = DatabaseOutage.NextBackoff(backoff);
                try
                {
                    await Task.Delay(backoff, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        await TryCommitAsync().ConfigureAwait(false);
    }

    private async Task<Pumped> PumpOnceAsync(CancellationToken cancellationToken)
    {
        if (_committed < 0)
        {
            _committed = await log.ReadOffsetAsync(_subscriber, stream, cancellationToken).ConfigureAwait(false);
            _posted = _committed;
        }

        if (_posted > _committed)
        {
            // A commit failed while the database was away; catch up before reading on.
            await log.CommitOffsetAsync(_subscriber, stream, _posted, cancellationToken).ConfigureAwait(false);
            _committed = _posted;
        }

        var events = await log.ReadAfterAsync(stream, _posted, options.BatchSize, cancellationToken).ConfigureAwait(false);
        _outage.Recovered();
        if (events.Count == 0)
        {
            return Pumped.CaughtUp;
        }

        var batch = new DeliveryBatch();
        var items = new List<DurableDeliveryWorkItem>(events.Count);
        foreach (var stored in events)
        {
            var item = new DurableDeliveryWorkItem(stream, stored, batch, serializer);
            if (!activation.TryPost(item))
            {
                break;
            }

            items.Add(item);
        }

        // The turns run in order, so waiting on each in turn costs nothing and tells exactly how far the grain got.
        var outcome = items.Count < events.Count ? Pumped.Gone : events.Count == options.BatchSize ? Pumped.More : Pumped.CaughtUp;
        foreach (var item in items)
        {
            await Task.WhenAny(item.Handled, activation.Gone).ConfigureAwait(false);
            var handled = item.Handled.IsCompletedSuccessfully ? item.Handled.Result : DeliveryOutcome.Gone;
            if (handled == DeliveryOutcome.Gone)
            {
                await TryCommitAsync().ConfigureAwait(false);
                return Pumped.Gone;
            }

            if (handled == DeliveryOutcome.Kept)
            {
                // The rest of the batch skips its turns; it is read again from here after a backoff.
                outcome = Pumped.Kept;
                break;
            }

            _posted = item.Sequence;
        }

        if (_posted > _committed)
        {
            await log.CommitOffsetAsync(_subscriber, stream, _posted, cancellationToken).ConfigureAwait(false);
            _committed = _posted;
        }

        return outcome;
    }

    private async Task TryCommitAsync()
    {
        if (_posted <= _committed)
        {
            return;
        }

        try
        {
            await log.CommitOffsetAsync(_subscriber, stream, _posted, CancellationToken.None).ConfigureAwait(false);
            _committed = _posted;
        }
        catch (Exception ex)
        {
            // The next owner starts from the older offset and the grain drops what it has seen.
            _outage.Failed(ex);
        }
    }

    private static void Cancel(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private enum Pumped
    {
        CaughtUp,
        More,
        Kept,
        Gone,
    }
}
