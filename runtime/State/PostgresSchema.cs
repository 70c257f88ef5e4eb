using Npgsql;

namespace Grid.Runtime.State;

/// <summary>
/// Creates Grid's tables at start, one silo at a time. <c>CREATE … IF NOT EXISTS</c> alone can
/// still race on the catalog's unique index when silos start together, so each creation runs in a
/// transaction holding an advisory lock (released at commit).
/// </summary>
internal static class PostgresSchema
{
    public static async Task CreateAsync(NpgsqlDataSource dataSource, long lockKey, string sql, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter { Value = lockKey });
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var schemaCommand = new NpgsqlCommand(sql, connection, transaction))
        {
            await schemaCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
