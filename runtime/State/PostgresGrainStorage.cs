using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Grid.Runtime.State;

/// <summary>
/// Grain state in PostgreSQL, one row per (grain, state name), as Orleans' ADO.NET provider does.
/// The etag is a version drawn from one sequence, so a version is never reused: a writer holding
/// an etag from before a clear cannot overwrite a record created after it (no ABA).
/// In a cluster every write and clear also proves, in the same statement, that the writer's
/// directory claim is still current (<see cref="IStateFence"/>), so a stale owner (declared dead
/// while paused, say) is refused even with the right etag.
/// </summary>
public sealed class PostgresGrainStorage(NpgsqlDataSource dataSource, IStateFence? fence = null) : IGrainStorage
{
    // Serializes CREATE TABLE across silos starting together: IF NOT EXISTS alone can still race
    // on the catalog's unique index.
    private const long SchemaLockKey = 0x47726964_0001;

    private const string Schema = """
        CREATE SEQUENCE IF NOT EXISTS grid_grain_state_version;
        CREATE TABLE IF NOT EXISTS grid_grain_state (
            grain_type  text        NOT NULL,
            grain_key   text        NOT NULL,
            state_name  text        NOT NULL,
            payload     jsonb       NOT NULL,
            version     bigint      NOT NULL,
            updated_at  timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (grain_type, grain_key, state_name)
        );
        """;

    public Task InitializeAsync(CancellationToken cancellationToken)
        => PostgresSchema.CreateAsync(dataSource, SchemaLockKey, Schema, cancellationToken);

    public async Task<GrainStateRecord?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        await using var command = Command(
            "SELECT payload::text, version FROM grid_grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3",
            grainId, stateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new GrainStateRecord(Encoding.UTF8.GetBytes(reader.GetString(0)), Etag(reader.GetInt64(1)));
    }

    public async Task<string> WriteAsync(GrainId grainId, string stateName, ReadOnlyMemory<byte> payload, string? expectedEtag, CancellationToken cancellationToken)
    {
        // Parameters: $1-$3 the row, $4 the payload, $5 the expected version, $6-$7 the fence.
        await using var command = expectedEtag is null
            ? Command(
                $"""
                INSERT INTO grid_grain_state (grain_type, grain_key, state_name, payload, version)
                SELECT $1, $2, $3, $4, nextval('grid_grain_state_version')
                WHERE {FenceCondition()}
                ON CONFLICT DO NOTHING RETURNING version
                """,
                grainId, stateName)
            : Command(
                $"""
                UPDATE grid_grain_state SET payload = $4, version = nextval('grid_grain_state_version'), updated_at = now()
                WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND version = $5 AND {FenceCondition()}
                RETURNING version
                """,
                grainId, stateName);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = Encoding.UTF8.GetString(payload.Span) });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = expectedEtag is null ? DBNull.Value : ParseEtag(expectedEtag) });
        AddFence(command, grainId);

        var version = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return version is long written
            ? Etag(written)
            : throw await ConflictAsync(grainId, stateName, expectedEtag, cancellationToken).ConfigureAwait(false);
    }

    public async Task ClearAsync(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken)
    {
        if (expectedEtag is null)
        {
            // Nothing to delete, but a record someone else created means our view is stale.
            if (await ReadAsync(grainId, stateName, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                throw new InconsistentStateException(grainId, stateName, null, existing.Etag);
            }

            return;
        }

        // $4 is unused here, so that the fence's parameters are $6 and $7 as in writes.
        await using var command = Command(
            $"DELETE FROM grid_grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND version = $5 AND {FenceCondition()}",
            grainId, stateName);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = ParseEtag(expectedEtag) });
        AddFence(command, grainId);
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            throw await ConflictAsync(grainId, stateName, expectedEtag, cancellationToken).ConfigureAwait(false);
        }
    }

    // Unreferenced parameters are harmless: each is sent with its type, so PostgreSQL need not infer one.
    private string FenceCondition() => fence is null
        ? "true"
        : "EXISTS (SELECT 1 FROM grid_grain_directory d WHERE d.grain_type = $1 AND d.grain_key = $2 AND d.silo_id = $6 AND d.fencing = $7)";

    private void AddFence(NpgsqlCommand command, GrainId grainId)
    {
        if (fence is null)
        {
            return;
        }

        var (siloId, token) = fence.ClaimOf(grainId);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = siloId });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = token });
    }

    private NpgsqlCommand Command(string sql, GrainId grainId, string stateName)
    {
        var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter { Value = grainId.Key });
        command.Parameters.Add(new NpgsqlParameter { Value = stateName });
        return command;
    }

    private async Task<InconsistentStateException> ConflictAsync(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken)
    {
        var stored = await ReadAsync(grainId, stateName, cancellationToken).ConfigureAwait(false);

        // The etag matched, so what refused the write was the fence: this writer no longer owns the grain.
        return fence is not null && stored?.Etag == expectedEtag
            ? InconsistentStateException.StaleOwner(grainId, stateName, expectedEtag)
            : new InconsistentStateException(grainId, stateName, expectedEtag, stored?.Etag);
    }

    private static string Etag(long version) => version.ToString(CultureInfo.InvariantCulture);

    private static long ParseEtag(string etag) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new ArgumentException($"'{etag}' is not an etag of this storage.", nameof(etag));
}
