namespace Grid.Runtime.State;

/// <summary>
/// A grain's durable state, as in Orleans. The runtime reads it before OnActivateAsync.
/// Writes use optimistic concurrency: a write whose <see cref="Etag"/> is stale throws
/// <see cref="InconsistentStateException"/> instead of overwriting someone else's write.
/// </summary>
public interface IPersistentState<TState>
{
    TState State { get; set; }

    /// <summary>The version this activation last read or wrote; null when no record exists.</summary>
    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync(CancellationToken cancellationToken = default);

    Task WriteStateAsync(CancellationToken cancellationToken = default);

    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
