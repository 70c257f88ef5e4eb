namespace Grid.Runtime.Streams;

/// <summary>Ends a subscription.</summary>
public abstract class StreamSubscriptionHandle
{
    public abstract StreamId StreamId { get; }

    public abstract Task UnsubscribeAsync();
}
