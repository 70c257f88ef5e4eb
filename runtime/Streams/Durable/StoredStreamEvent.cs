namespace Grid.Runtime.Streams.Durable;

/// <summary>One row of the stream log: its global sequence number and its JSON payload.</summary>
internal sealed record StoredStreamEvent(long Sequence, string Payload);
