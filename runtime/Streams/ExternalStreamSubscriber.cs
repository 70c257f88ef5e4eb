using Grid.Runtime.Activation;
using Microsoft.Extensions.Logging;

namespace Grid.Runtime.Streams;

/// <summary>A subscription made outside any grain (an API endpoint, a test): its own FIFO keeps the stream's order.</summary>
internal sealed class ExternalStreamSubscriber<T>(IAsyncObserver<T> observer, StreamId stream, GrainRuntime runtime)
    : TurnQueue<ExternalStreamSubscriber<T>.Delivery>, IStreamSubscriber
{
    public void Post(object? item, StreamSequenceToken token) => TryPost(new Delivery((T)item!, token));

    protected override ValueTask ExecuteAsync(Delivery delivery) =>
        new(DeliveryAttempts.RunAsync(
            () => observer.OnNextAsync(delivery.Item, delivery.Token),
            runtime.Options.StreamDeliveryAttempts,
            runtime.Logger,
            stream,
            delivery.Token,
            observer.GetType().Name));

    protected override void OnUnexpected(Exception exception) => runtime.Logger.LogCritical(exception, "Runtime fault in a subscriber of {Stream}", stream);

    internal sealed record Delivery(T Item, StreamSequenceToken Token);
}
