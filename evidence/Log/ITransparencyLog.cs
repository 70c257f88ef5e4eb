namespace Grid.Evidence.Log;

/// <summary>
/// The append-only transparency log of sealed manifests. Any reader may page it; one writer at a
/// time appends, and each append links to the head it found under that exclusion.
/// </summary>
public interface ITransparencyLog
{
    /// <summary>Appends and signs the next entry for a sealed manifest; returns it once it is durable.</summary>
    Task<SignedLogEntry> AppendAsync(string eventId, string entity, string manifestSha256, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="count"/> entries from index <paramref name="from"/>, in order.</summary>
    Task<IReadOnlyList<SignedLogEntry>> ReadAsync(long from, int count, CancellationToken cancellationToken);

    /// <summary>How many entries the log holds (the next entry's index).</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);
}
