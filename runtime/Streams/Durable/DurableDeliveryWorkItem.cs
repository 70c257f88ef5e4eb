using System.Text;
using System.Text.Json;
using Grid.Runtime.Activation;
using Grid.Runtime.Serialization;
using Microsoft.Extensions.Logging;

namespace Grid.Runtime.Streams.Durable;

/// <summary>
/// One event from the log as a turn of an implicit subscriber. The JSON is read as the type the
/// grain's handler takes. <see cref="Handled"/> tells the pump whether the offset may move past it.
/// </summary>
internal sealed partial class DurableDeliveryWorkItem(StreamId stream, StoredStreamEvent stored, DeliveryBatch batch, GridSerializer serializer) : IActivationWorkItem
{
    private readonly TaskCompletionSource<DeliveryOutcome> _handled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<DeliveryOutcome> Handled => _handled.Task;

    public long Sequence => stored.Sequence;

    public bool CountsAsActivity => true;

    // Not carried to a successor: the successor's own pump reads again from the committed offset.
    public bool Redirectable => false;

    public long CreatedAt { get; } = Environment.TickCount64;

    public async Task ExecuteAsync(GrainActivation activation)
    {
        var outcome = DeliveryOutcome.Done;
        try
        {
            if (batch.IsBroken)
            {
                outcome = DeliveryOutcome.Kept;
                return;
            }

            var handler = activation.StreamHandler(stream) ?? ImplicitObserver.Of(activation.GrainInstance);
            if (handler is null)
            {
                LogNoHandler(activation.Runtime.Logger, activation.Id, stream);
                return;
            }

            object? item;
            try
            {
                item = serializer.Deserialize(Encoding.UTF8.GetBytes(stored.Payload), handler.ItemType);
            }
            catch (JsonException ex)
            {
                // Retrying cannot make bad JSON readable; skipping keeps the stream moving.
                LogUnreadable(activation.Runtime.Logger, ex, stored.Sequence, stream, handler.ItemType.Name);
                return;
            }

            var token = new StreamSequenceToken(stored.Sequence);
            var finished = await DeliveryAttempts.RunAsync(
                () => handler.DeliverAsync(item, token),
                activation.Runtime.Options.StreamDeliveryAttempts,
                activation.Runtime.Logger,
                stream,
                token,
                activation.Id.ToString(),
                DeliveryBatch.IsInfrastructureFailure).ConfigureAwait(false);
            if (!finished)
            {
                batch.Break();
                outcome = DeliveryOutcome.Kept;
            }
        }
        finally
        {
            _handled.TrySetResult(outcome);
        }
    }

    public void Fail(Exception exception) => _handled.TrySetResult(DeliveryOutcome.Gone);

    public void Expire(TimeSpan waited)
    {
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{GrainId} got an event of {Stream} but has no handler: subscribe in OnActivateAsync or implement IAsyncObserver<T>")]
    private static partial void LogNoHandler(ILogger logger, GrainId grainId, StreamId stream);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event {Sequence} of stream {Stream} is not a valid {Type}; skipped")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, long sequence, StreamId stream, string type);
}
