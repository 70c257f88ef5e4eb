using Grid.Runtime.Activation;
using Microsoft.Extensions.Logging;

namespace Grid.Runtime.Streams;

/// <summary>One stream event as a turn of a subscribing grain. Queued behind earlier events, so order holds.</summary>
internal sealed partial class StreamDeliveryWorkItem<T>(StreamId stream, T item, StreamSequenceToken token) : IActivationWorkItem
{
    public bool CountsAsActivity => true;

    // Implicit subscriptions belong to the grain, not the activation: a successor takes the event.
    public bool Redirectable => true;

    public long CreatedAt { get; } = Environment.TickCount64;

    public void Expire(TimeSpan waited)
    {
    }

    public Task ExecuteAsync(GrainActivation activation)
    {
        var handler = activation.StreamHandler(stream)
            ?? (activation.GrainInstance is IAsyncObserver<T> observer ? new ObserverDelivery<T>(observer) : null);
        if (handler is null)
        {
            LogNoHandler(activation.Runtime.Logger, activation.Id, stream);
            return Task.CompletedTask;
        }

        return DeliveryAttempts.RunAsync(
            () => handler.DeliverAsync(item, token),
            activation.Runtime.Options.StreamDeliveryAttempts,
            activation.Runtime.Logger,
            stream,
            token,
            activation.Id.ToString());
    }

    public void Fail(Exception exception)
    {
        // The subscriber could not activate; the activation failure is already logged.
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{GrainId} got an event of {Stream} but has no handler: subscribe in OnActivateAsync or implement IAsyncObserver<T>")]
    private static partial void LogNoHandler(ILogger logger, GrainId grainId, StreamId stream);
}
