namespace Grid.Runtime.Streams;

/// <summary>An explicit subscription: something that queues an event for its observer.</summary>
internal interface IStreamSubscriber
{
    void Post(object? item, StreamSequenceToken token);
}
