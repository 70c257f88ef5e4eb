using Grid.Runtime.Activation;

namespace Grid.Runtime.Streams;

/// <summary>An explicit subscription made inside a grain: events become turns of that activation, and end with it.</summary>
internal sealed class GrainStreamSubscriber<T>(GrainActivation activation, StreamId stream) : IStreamSubscriber
{
    public void Post(object? item, StreamSequenceToken token) =>
        activation.TryPost(new StreamDeliveryWorkItem<T>(stream, (T)item!, token));
}
