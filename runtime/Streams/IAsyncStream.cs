namespace Grid.Runtime.Streams;

/// <summary>
/// A stream of events, as in Orleans. <see cref="OnNextAsync"/> completes when the event is
/// accepted, not when consumers have run, so a grain may publish to a stream it consumes itself.
/// Each subscriber receives the events of one stream in the order they were accepted.
/// </summary>
public interface IAsyncStream<T>
{
    StreamId StreamId { get; }

    Task OnNextAsync(T item);

    Task OnNextBatchAsync(IEnumerable<T> items);

    /// <summary>
    /// Inside a grain, the observer runs as that grain's turns. For a grain class with an implicit
    /// subscription to this namespace, this attaches its handler (call it from OnActivateAsync).
    /// </summary>
    Task<StreamSubscriptionHandle> SubscribeAsync(IAsyncObserver<T> observer);
}
