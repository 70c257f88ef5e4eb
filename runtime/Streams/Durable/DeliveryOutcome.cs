namespace Grid.Runtime.Streams.Durable;

/// <summary>How the turn for one durable event ended, which decides whether the offset may pass it.</summary>
internal enum DeliveryOutcome
{
    /// <summary>Delivered, or dropped after its attempts: the offset moves past it.</summary>
    Done,

    /// <summary>
    /// Failed for want of a silo or the database, or queued behind such a failure: the offset
    /// stays, and the pump reads it again after a backoff, so the order holds.
    /// </summary>
    Kept,

    /// <summary>The activation went away before the turn ran.</summary>
    Gone,
}
