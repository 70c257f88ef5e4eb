using Grid.Evidence.Log;

namespace Grid.Grains.Evidence;

/// <summary>
/// Where sealed bundles and the transparency log live: a folder on one silo, PostgreSQL in a
/// cluster, so any silo serves any bundle and the log has one chain.
/// </summary>
public interface IEvidenceArchive
{
    ITransparencyLog Log { get; }

    Task StoreAsync(SealedBundle bundle, byte[] tarGz, CancellationToken cancellationToken);

    /// <summary>The event's seals, oldest first.</summary>
    Task<IReadOnlyList<SealedBundle>> ListAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>One seal's .tar.gz, or null.</summary>
    Task<byte[]?> ReadAsync(string eventId, int seal, CancellationToken cancellationToken);
}
