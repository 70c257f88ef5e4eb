using System.Collections.Concurrent;
using Grid.Runtime.Activation;

namespace Grid.Runtime.Streams;

/// <summary>
/// In-process streams. Publishing numbers the event and queues it, under the stream's lock, to
/// every subscriber's FIFO: implicit subscriber grains (activated on demand) and explicit
/// subscribers. That single ordered hand-off is what keeps each subscriber's view in stream order.
/// </summary>
internal sealed class LocalStreamProvider(GrainRuntime runtime) : IStreamProvider
{
    private readonly ConcurrentDictionary<StreamId, StreamChannel> _channels = new();

    public string Name => StreamProviderNames.Default;

    public IAsyncStream<T> GetStream<T>(StreamId id) => new LocalStream<T>(this, id);

    internal void Publish<T>(StreamId id, IEnumerable<T> items)
    {
        var channel = _channels.GetOrAdd(id, static _ => new StreamChannel());
        var implicitSubscribers = runtime.Registry.ImplicitSubscribersOf(id.Namespace);
        lock (channel.Gate)
        {
            foreach (var item in items)
            {
                var token = new StreamSequenceToken(++channel.LastSequence);
                foreach (var grainClass in implicitSubscribers)
                {
                    runtime.Post(new GrainId(grainClass.Name, id.Key), new StreamDeliveryWorkItem<T>(id, item, token));
                }

                foreach (var subscriber in channel.Subscribers)
                {
                    subscriber.Post(item, token);
                }
            }
        }
    }

    internal StreamSubscriptionHandle Subscribe<T>(StreamId id, IAsyncObserver<T> observer)
    {
        var activation = RuntimeContext.Current;
        if (activation is null)
        {
            return AddSubscriber(id, new ExternalStreamSubscriber<T>(observer, id, runtime));
        }

        activation.SetStreamHandler(id, new ObserverDelivery<T>(observer));
        if (activation.Id.Key == id.Key && activation.Class.ImplicitStreamNamespaces.Contains(id.Namespace))
        {
            // Implicit: the events already come to this grain; this only attaches the handler.
            return new Handle(id, () => activation.RemoveStreamHandler(id));
        }

        var handle = AddSubscriber(id, new GrainStreamSubscriber<T>(activation, id));
        activation.TrackSubscription(handle);
        return handle;
    }

    private Handle AddSubscriber(StreamId id, IStreamSubscriber subscriber)
    {
        var channel = _channels.GetOrAdd(id, static _ => new StreamChannel());
        lock (channel.Gate)
        {
            channel.Subscribers = channel.Subscribers.Add(subscriber);
        }

        return new Handle(id, () =>
        {
            lock (channel.Gate)
            {
                channel.Subscribers = channel.Subscribers.Remove(subscriber);
            }
        });
    }

    private sealed class Handle(StreamId id, Action unsubscribe) : StreamSubscriptionHandle
    {
        public override StreamId StreamId => id;

        public override Task UnsubscribeAsync()
        {
            unsubscribe();
            return Task.CompletedTask;
        }
    }

    private sealed class LocalStream<T>(LocalStreamProvider provider, StreamId id) : IAsyncStream<T>
    {
        public StreamId StreamId => id;

        public Task OnNextAsync(T item)
        {
            provider.Publish(id, [item]);
            return Task.CompletedTask;
        }

        public Task OnNextBatchAsync(IEnumerable<T> items)
        {
            provider.Publish(id, items);
            return Task.CompletedTask;
        }

        public Task<StreamSubscriptionHandle> SubscribeAsync(IAsyncObserver<T> observer) =>
            Task.FromResult(provider.Subscribe(id, observer));
    }
}
