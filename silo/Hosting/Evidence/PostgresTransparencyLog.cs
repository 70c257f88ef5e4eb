using Grid.Evidence.Log;
using Grid.Evidence.Signing;
using Npgsql;

namespace Grid.Silo.Hosting.Evidence;

/// <summary>
/// A cluster's log: one row per entry. Any silo reads; an append takes the log's advisory lock for
/// its transaction, reads the head, and inserts the next entry, so silos append one at a time and
/// the chain never forks (the primary key on the index would refuse a fork anyway).
/// </summary>
internal sealed class PostgresTransparencyLog(NpgsqlDataSource database, EvidenceKey key, TimeProvider clock) : ITransparencyLog
{
    public async Task<SignedLogEntry> AppendAsync(string eventId, string entity, string manifestSha256, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({PostgresEvidenceSchema.AppendLock})", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }
        long index = 0;
        var previous = LogEntry.Genesis;
        await using (var head = new NpgsqlCommand("SELECT idx, line FROM grid_evidence_log ORDER BY idx DESC LIMIT 1", connection, transaction))
        await using (var reader = await head.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                index = reader.GetInt64(0) + 1;
                previous = SignedLogEntry.Parse(reader.GetString(1)).Entry.Sha256();
            }
        }
        var signed = SignedLogEntry.Sign(new LogEntry(index, clock.GetUtcNow(), eventId, entity, manifestSha256, previous, key.PublicKey.KeyId), key);
        await using (var insert = new NpgsqlCommand("INSERT INTO grid_evidence_log (idx, line) VALUES ($1, $2)", connection, transaction))
        {
            insert.Parameters.Add(new() { Value = index });
            insert.Parameters.Add(new() { Value = signed.ToJsonLine() });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return signed;
    }

    public async Task<IReadOnlyList<SignedLogEntry>> ReadAsync(long from, int count, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT line FROM grid_evidence_log WHERE idx >= $1 ORDER BY idx LIMIT $2");
        command.Parameters.Add(new() { Value = from });
        command.Parameters.Add(new() { Value = count });
        var entries = new List<SignedLogEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(SignedLogEntry.Parse(reader.GetString(0)));
        }
        return entries;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT coalesce(max(idx) + 1, 0) FROM grid_evidence_log");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
