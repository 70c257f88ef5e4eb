namespace Grid.Runtime.Streams;

/// <summary>A subscriber's handler for one stream, with the event type erased so activations can hold any.</summary>
internal interface IStreamDelivery
{
    /// <summary>The event type the handler takes; a durable stream deserializes its stored JSON as this type.</summary>
    Type ItemType { get; }

    Task DeliverAsync(object? item, StreamSequenceToken token);
}

internal sealed class ObserverDelivery<T>(IAsyncObserver<T> observer) : IStreamDelivery
{
    public Type ItemType => typeof(T);

    public Task DeliverAsync(object? item, StreamSequenceToken token) => observer.OnNextAsync((T)item!, token);
}
