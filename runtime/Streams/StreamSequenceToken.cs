namespace Grid.Runtime.Streams;

/// <summary>
/// The position of an event in its stream; numbers rise by one per event. Consumers that must
/// not act twice on a redelivered event (at-least-once, in a cluster) remember the last one seen.
/// </summary>
public sealed record StreamSequenceToken(long SequenceNumber);
