using Grid.Runtime.State;
using Npgsql;
using NpgsqlTypes;

namespace Grid.Runtime.Streams.Durable;

/// <summary>
/// The stream log in PostgreSQL: every event a row of <c>grid_stream_event</c>, every consumer's
/// progress a row of <c>grid_stream_offset</c>. Consumers read "after my offset" in sequence
/// order, so the log's sequence must be in commit order within a stream; see <see cref="AppendAsync"/>.
/// </summary>
internal sealed class PostgresStreamLog(NpgsqlDataSource dataSource)
{
    /// <summary>The channel of the NOTIFY sent with every append; its payload is the stream id.</summary>
    public const string Channel = "grid_stream";

    // Serializes CREATE TABLE across silos starting together (as PostgresGrainStorage does).
    private const long SchemaLockKey = 0x47726964_0002;

    // First half of the two-int advisory lock that serializes appends to one stream; the
    // two-int form never collides with the one-bigint locks used for schemas and leases.
    private const int AppendLockClass = 0x47726964;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS grid_stream_event (
            seq           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            namespace     text        NOT NULL,
            key           text        NOT NULL,
            payload       jsonb       NOT NULL,
            published_at  timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX IF NOT EXISTS grid_stream_event_stream ON grid_stream_event (namespace, key, seq);
        CREATE TABLE IF NOT EXISTS grid_stream_offset (
            subscriber     text        NOT NULL,
            namespace      text        NOT NULL,
            key            text        NOT NULL,
            delivered_seq  bigint      NOT NULL,
            updated_at     timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (subscriber, namespace, key)
        );
        """;

    private readonly Lock _schemaGate = new();
    private Task? _schema;

    public NpgsqlDataSource DataSource => dataSource;

    /// <summary>Creates the tables once per process; a failure is retried by the next caller.</summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        lock (_schemaGate)
        {
            if (_schema is null || _schema.IsFaulted || _schema.IsCanceled)
            {
                _schema = CreateSchemaAsync(cancellationToken);
            }

            return _schema;
        }
    }

    /// <summary>
    /// Appends a batch in one transaction, with its NOTIFY. Appends to one stream take an advisory
    /// lock first, so their sequence numbers are drawn in commit order: otherwise a reader could
    /// see seq 11 committed, move its offset past it, and never see seq 10 committed a moment later.
    /// PostgreSQL delivers a NOTIFY issued in a transaction only when and if it commits
    /// (SQL command reference, NOTIFY), so a woken consumer always finds the rows.
    /// </summary>
    public async Task AppendAsync(StreamId stream, IReadOnlyList<string> payloads, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            batch.BatchCommands.Add(BatchCommand("SELECT pg_advisory_xact_lock($1, hashtext($2))", AppendLockClass, stream.ToString()));
            var insert = BatchCommand(
                "INSERT INTO grid_stream_event (namespace, key, payload) SELECT $1, $2, p FROM unnest($3) WITH ORDINALITY AS batch(p, n) ORDER BY n",
                stream.Namespace,
                stream.Key);
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb, Value = payloads.ToArray() });
            batch.BatchCommands.Add(insert);
            batch.BatchCommands.Add(BatchCommand("SELECT pg_notify($1, $2)", Channel, stream.ToString()));
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredStreamEvent>> ReadAfterAsync(StreamId stream, long after, int limit, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            "SELECT seq, payload::text FROM grid_stream_event WHERE namespace = $1 AND key = $2 AND seq > $3 ORDER BY seq LIMIT $4",
            stream.Namespace, stream.Key, after, limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<StoredStreamEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new StoredStreamEvent(reader.GetInt64(0), reader.GetString(1)));
        }

        return events;
    }

    /// <summary>The last sequence committed on a stream (0 if none): where a new explicit subscriber starts.</summary>
    public async Task<long> LastSequenceAsync(StreamId stream, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            "SELECT COALESCE(max(seq), 0) FROM grid_stream_event WHERE namespace = $1 AND key = $2", stream.Namespace, stream.Key);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<long> ReadOffsetAsync(string subscriber, StreamId stream, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            "SELECT delivered_seq FROM grid_stream_offset WHERE subscriber = $1 AND namespace = $2 AND key = $3",
            subscriber, stream.Namespace, stream.Key);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long offset ? offset : 0;
    }

    /// <summary>Moves an offset forward, never back: a late commit from a previous owner cannot rewind it.</summary>
    public async Task CommitOffsetAsync(string subscriber, StreamId stream, long deliveredSequence, CancellationToken cancellationToken)
    {
        await using var command = Command(
            """
            INSERT INTO grid_stream_offset (subscriber, namespace, key, delivered_seq) VALUES ($1, $2, $3, $4)
            ON CONFLICT (subscriber, namespace, key) DO UPDATE
            SET delivered_seq = GREATEST(grid_stream_offset.delivered_seq, EXCLUDED.delivered_seq), updated_at = now()
            """,
            subscriber, stream.Namespace, stream.Key, deliveredSequence);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Keys of <paramref name="streamNamespace"/> with events past the offset of grain class <paramref name="grainClass"/>.</summary>
    public async Task<IReadOnlyList<string>> KeysWithBacklogAsync(string grainClass, string streamNamespace, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            """
            SELECT s.key FROM (SELECT key, max(seq) AS last FROM grid_stream_event WHERE namespace = $1 GROUP BY key) s
            LEFT JOIN grid_stream_offset o ON o.subscriber = $2 || '/' || s.key AND o.namespace = $1 AND o.key = s.key
            WHERE s.last > COALESCE(o.delivered_seq, 0)
            """,
            streamNamespace, grainClass);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    /// <summary>
    /// Deletes events older than <paramref name="retention"/> that no subscriber still needs: on
    /// streams with implicit subscribers, those at or below the lowest offset; elsewhere (explicit
    /// subscribers only read what arrives while they listen) all of them.
    /// </summary>
    public async Task<int> DeleteExpiredAsync(TimeSpan retention, IReadOnlyCollection<string> implicitNamespaces, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            """
            DELETE FROM grid_stream_event e
            WHERE e.published_at < now() - $1
              AND (e.namespace <> ALL($2)
                   OR e.seq <= COALESCE((SELECT min(o.delivered_seq) FROM grid_stream_offset o WHERE o.namespace = e.namespace AND o.key = e.key), 0))
            """,
            retention, implicitNamespaces.ToArray());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private NpgsqlCommand Command(string sql, params object[] values)
    {
        var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static NpgsqlBatchCommand BatchCommand(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private Task CreateSchemaAsync(CancellationToken cancellationToken)
        => PostgresSchema.CreateAsync(dataSource, SchemaLockKey, Schema, cancellationToken);
}
