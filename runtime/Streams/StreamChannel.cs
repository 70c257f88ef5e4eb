using System.Collections.Immutable;

namespace Grid.Runtime.Streams;

/// <summary>Per-stream bookkeeping: the sequence counter and the explicit subscribers.</summary>
internal sealed class StreamChannel
{
    public Lock Gate { get; } = new();

    public long LastSequence { get; set; }

    public ImmutableArray<IStreamSubscriber> Subscribers { get; set; } = [];
}
