using System.Collections.Concurrent;
using System.Text;
using Grid.Runtime.Activation;
using Grid.Runtime.Hosting;
using Grid.Runtime.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Runtime.Streams.Durable;

/// <summary>
/// Streams whose events live in PostgreSQL, for a cluster. Publishing returns once the events are
/// committed, so an event survives the death of any silo; then the implicit subscriber grains are
/// asked to be active wherever they are owned, and their own silo feeds them from the log
/// (<see cref="StreamPump"/>). Explicit subscribers are fed by their own silo (<see cref="StreamTail"/>).
/// Delivery is at-least-once: consumers that must not act twice remember what they have seen.
/// </summary>
internal sealed partial class PostgresStreamProvider(
    GrainRuntime runtime,
    PostgresStreamLog log,
    StreamNotifications notifications,
    GridSerializer serializer,
    IOptions<DurableStreamOptions> options,
    IActivationRequests activations,
    ILogger<PostgresStreamProvider> logger) : IStreamProvider, IImplicitSubscriberActivations
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<StreamPump, Task> _pumps = new();
    private readonly Dictionary<StreamId, StreamTail> _tails = [];
    private readonly DatabaseOutage _sweepOutage = new(logger, "backlog sweep");

    public string Name => StreamProviderNames.Default;

    public PostgresStreamLog Log => log;

    public IAsyncStream<T> GetStream<T>(StreamId id) => new DurableStream<T>(this, id);

    public void Activated(GrainActivation activation)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        foreach (var streamNamespace in activation.Class.ImplicitStreamNamespaces)
        {
            var pump = new StreamPump(activation, new StreamId(streamNamespace, activation.Id.Key), log, notifications, serializer, options.Value, logger);
            using (ExecutionContext.SuppressFlow())
            {
                // Started off the activation's flow: the pump is not a turn of the grain.
                _pumps[pump] = Task.Run(async () =>
                {
                    await pump.RunAsync(_stopping.Token).ConfigureAwait(false);
                    _pumps.TryRemove(pump, out _);
                });
            }
        }
    }

    /// <summary>Activates every implicit subscriber that has events past its offset (after a crash, a restart, a lost wake-up).</summary>
    public async Task SweepBacklogAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var grainClass in runtime.Registry.Classes)
            {
                foreach (var streamNamespace in grainClass.ImplicitStreamNamespaces)
                {
                    foreach (var key in await log.KeysWithBacklogAsync(grainClass.Name, streamNamespace, cancellationToken).ConfigureAwait(false))
                    {
                        Wake(new GrainId(grainClass.Name, key));
                    }
                }
            }

            _sweepOutage.Recovered();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            _sweepOutage.Failed(ex);
        }
    }

    public Task<int> DeleteExpiredAsync(CancellationToken cancellationToken) =>
        log.DeleteExpiredAsync(
            options.Value.Retention,
            [.. runtime.Registry.Classes.SelectMany(c => c.ImplicitStreamNamespaces).Distinct(StringComparer.Ordinal)],
            cancellationToken);

    /// <summary>Stops feeding: pumps commit what their grains have finished, and tails stop reading.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        Task[] tails;
        lock (_tails)
        {
            tails = [.. _tails.Values.Select(t => t.Loop)];
        }

        await Task.WhenAll([.. _pumps.Values, .. tails]).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task PublishAsync<T>(StreamId id, IEnumerable<T> items)
    {
        var payloads = items.Select(item => Encoding.UTF8.GetString(serializer.Serialize(item, typeof(T)))).ToList();
        if (payloads.Count == 0)
        {
            return;
        }

        await log.AppendAsync(id, payloads, CancellationToken.None).ConfigureAwait(false);
        foreach (var grainClass in runtime.Registry.ImplicitSubscribersOf(id.Namespace))
        {
            Wake(new GrainId(grainClass.Name, id.Key));
        }
    }

    /// <summary>Fire-and-forget: a publisher never waits for its subscribers; a failed wake-up is retried by the backlog sweep.</summary>
    private void Wake(GrainId subscriber)
    {
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    using var timeout = new CancellationTokenSource(runtime.Options.ActivationTimeout);
                    await activations.EnsureActiveAsync(subscriber, timeout.Token).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    LogWakeFailed(logger, subscriber, ex.Message);
                }
            });
        }
    }

    private async Task<StreamSubscriptionHandle> SubscribeAsync<T>(StreamId id, IAsyncObserver<T> observer)
    {
        var activation = RuntimeContext.Current;
        if (activation is not null)
        {
            activation.SetStreamHandler(id, new ObserverDelivery<T>(observer));
            if (activation.Id.Key == id.Key && activation.Class.ImplicitStreamNamespaces.Contains(id.Namespace))
            {
                // Implicit: the pump of this activation already feeds it; this only attaches the handler.
                return new Handle(id, () => activation.RemoveStreamHandler(id));
            }
        }

        var after = await log.LastSequenceAsync(id, CancellationToken.None).ConfigureAwait(false);
        IStreamSubscriber subscriber = activation is null
            ? new ExternalStreamSubscriber<T>(observer, id, runtime)
            : new GrainStreamSubscriber<T>(activation, id);
        var subscription = new StreamTail.Subscription(subscriber, typeof(T), after);
        lock (_tails)
        {
            if (!_tails.TryGetValue(id, out var tail))
            {
                _tails[id] = tail = new StreamTail(id, log, notifications, serializer, options.Value, logger);
            }

            tail.Add(subscription, _stopping.Token);
        }

        var handle = new Handle(id, () =>
        {
            lock (_tails)
            {
                if (_tails.TryGetValue(id, out var tail))
                {
                    tail.Remove(subscription);
                    if (tail.IsEmpty)
                    {
                        // Its reader has been told to stop; a later subscriber gets a fresh tail.
                        _tails.Remove(id);
                    }
                }
            }
        });
        activation?.TrackSubscription(handle);
        return handle;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not wake stream subscriber {GrainId}: {Reason}; the backlog sweep tries again")]
    private static partial void LogWakeFailed(ILogger logger, GrainId grainId, string reason);

    private sealed class Handle(StreamId id, Action unsubscribe) : StreamSubscriptionHandle
    {
        public override StreamId StreamId => id;

        public override Task UnsubscribeAsync()
        {
            unsubscribe();
            return Task.CompletedTask;
        }
    }

    private sealed class DurableStream<T>(PostgresStreamProvider provider, StreamId id) : IAsyncStream<T>
    {
        public StreamId StreamId => id;

        public Task OnNextAsync(T item) => provider.PublishAsync(id, [item]);

        public Task OnNextBatchAsync(IEnumerable<T> items) => provider.PublishAsync(id, items);

        public Task<StreamSubscriptionHandle> SubscribeAsync(IAsyncObserver<T> observer) => provider.SubscribeAsync(id, observer);
    }
}
