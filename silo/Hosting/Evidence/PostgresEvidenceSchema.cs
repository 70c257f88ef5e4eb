using Npgsql;

namespace Grid.Silo.Hosting.Evidence;

/// <summary>
/// The evidence tables, created when missing. Several silos start at once, so creation runs under a
/// transaction-scoped advisory lock: CREATE TABLE IF NOT EXISTS alone can still collide on the
/// catalog when two sessions create the same table at the same moment.
/// </summary>
internal static class PostgresEvidenceSchema
{
    /// <summary>Advisory lock keys (arbitrary constants, "grid evidence" in ASCII): the schema's, and the log's one writer.</summary>
    public const long SchemaLock = 0x67726964_65760001;
    public const long AppendLock = 0x67726964_65760002;

    public static async Task EnsureAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT pg_advisory_xact_lock({SchemaLock});
            CREATE TABLE IF NOT EXISTS grid_evidence_log (
                idx bigint PRIMARY KEY,
                line text NOT NULL);
            CREATE TABLE IF NOT EXISTS grid_evidence_bundles (
                event_id text NOT NULL,
                seal integer NOT NULL,
                level text NOT NULL,
                sealed_at timestamptz NOT NULL,
                log_index bigint NOT NULL,
                manifest_sha256 text NOT NULL,
                bundle bytea NOT NULL,
                PRIMARY KEY (event_id, seal));
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
