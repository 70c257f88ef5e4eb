namespace Grid.Runtime.Streams;

/// <summary>
/// The position of an event in its stream; numbers rise with every event (by one in process; with
/// gaps in the PostgreSQL log, whose numbers are shared by all streams). Consumers that must not
/// act twice on a redelivered event (at-least-once, in a cluster) remember what they have seen.
/// </summary>
public sealed record StreamSequenceToken(long SequenceNumber);
