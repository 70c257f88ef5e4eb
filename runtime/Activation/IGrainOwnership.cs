namespace Grid.Runtime.Activation;

/// <summary>
/// Who may run a grain. On one silo this silo always may; in a cluster the answer is a row of the
/// PostgreSQL grain directory, claimed before the grain activates, so at most one silo runs it.
/// </summary>
internal interface IGrainOwnership
{
    /// <summary>
    /// Claims <paramref name="id"/> for this silo before its activation reads state; returns the
    /// fencing token that the activation's state writes carry. Throws
    /// <see cref="GrainOwnedElsewhereException"/> if a live silo owns it, or
    /// <see cref="SiloUnavailableException"/> if this silo takes no new grains (leaving).
    /// </summary>
    ValueTask<long> ClaimAsync(GrainId id, CancellationToken cancellationToken);

    /// <summary>
    /// Gives up a claim after the grain deactivated: deletes it (idle), or marks it released so
    /// another silo adopts the grain and its timers at once (hand-over).
    /// </summary>
    ValueTask ReleaseAsync(GrainId id, long fencing, bool handOver, CancellationToken cancellationToken);
}

/// <summary>On one silo every claim succeeds and there is nothing to release.</summary>
internal sealed class SingleSiloOwnership : IGrainOwnership
{
    public static readonly SingleSiloOwnership Instance = new();

    public ValueTask<long> ClaimAsync(GrainId id, CancellationToken cancellationToken) => ValueTask.FromResult(0L);

    public ValueTask ReleaseAsync(GrainId id, long fencing, bool handOver, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
