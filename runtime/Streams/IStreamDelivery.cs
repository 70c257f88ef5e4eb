namespace Grid.Runtime.Streams;

/// <summary>A subscriber's handler for one stream, with the event type erased so activations can hold any.</summary>
internal interface IStreamDelivery
{
    Task DeliverAsync(object? item, StreamSequenceToken token);
}

internal sealed class ObserverDelivery<T>(IAsyncObserver<T> observer) : IStreamDelivery
{
    public Task DeliverAsync(object? item, StreamSequenceToken token) => observer.OnNextAsync((T)item!, token);
}
