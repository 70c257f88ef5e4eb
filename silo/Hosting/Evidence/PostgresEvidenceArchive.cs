using Grid.Evidence.Log;
using Grid.Evidence.Signing;
using Grid.Grains.Evidence;
using Npgsql;

namespace Grid.Silo.Hosting.Evidence;

/// <summary>A cluster's archive: bundles and the log in PostgreSQL, so any silo serves any bundle.</summary>
internal sealed class PostgresEvidenceArchive : IEvidenceArchive
{
    private readonly NpgsqlDataSource _database;
    private readonly Lazy<Task> _schema;

    public PostgresEvidenceArchive(NpgsqlDataSource database, EvidenceKey key, TimeProvider clock)
    {
        _database = database;
        _schema = new(() => PostgresEvidenceSchema.EnsureAsync(database, CancellationToken.None));
        Log = new SchemaFirstLog(this, new PostgresTransparencyLog(database, key, clock));
    }

    public ITransparencyLog Log { get; }

    public async Task StoreAsync(SealedBundle bundle, byte[] tarGz, CancellationToken cancellationToken)
    {
        await _schema.Value;
        await using var command = _database.CreateCommand("""
            INSERT INTO grid_evidence_bundles (event_id, seal, level, sealed_at, log_index, manifest_sha256, bundle)
            VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id, seal) DO NOTHING
            """);
        foreach (var value in new object[] { bundle.EventId, bundle.Seal, bundle.Level, bundle.SealedAt, bundle.LogIndex, bundle.ManifestSha256, tarGz })
        {
            command.Parameters.Add(new() { Value = value });
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SealedBundle>> ListAsync(string eventId, CancellationToken cancellationToken)
    {
        await _schema.Value;
        await using var command = _database.CreateCommand("SELECT seal, level, sealed_at, log_index, manifest_sha256 FROM grid_evidence_bundles WHERE event_id = $1 ORDER BY seal");
        command.Parameters.Add(new() { Value = eventId });
        var seals = new List<SealedBundle>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            seals.Add(new SealedBundle(eventId, reader.GetInt32(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetInt64(3), reader.GetString(4)));
        }
        return seals;
    }

    public async Task<byte[]?> ReadAsync(string eventId, int seal, CancellationToken cancellationToken)
    {
        await _schema.Value;
        await using var command = _database.CreateCommand("SELECT bundle FROM grid_evidence_bundles WHERE event_id = $1 AND seal = $2");
        command.Parameters.Add(new() { Value = eventId });
        command.Parameters.Add(new() { Value = seal });
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    /// <summary>The log's calls, each after the tables exist.</summary>
    private sealed class SchemaFirstLog(PostgresEvidenceArchive archive, ITransparencyLog log) : ITransparencyLog
    {
        public async Task<SignedLogEntry> AppendAsync(string eventId, string entity, string manifestSha256, CancellationToken cancellationToken)
        {
            await archive._schema.Value;
            return await log.AppendAsync(eventId, entity, manifestSha256, cancellationToken);
        }

        public async Task<IReadOnlyList<SignedLogEntry>> ReadAsync(long from, int count, CancellationToken cancellationToken)
        {
            await archive._schema.Value;
            return await log.ReadAsync(from, count, cancellationToken);
        }

        public async Task<long> CountAsync(CancellationToken cancellationToken)
        {
            await archive._schema.Value;
            return await log.CountAsync(cancellationToken);
        }
    }
}
