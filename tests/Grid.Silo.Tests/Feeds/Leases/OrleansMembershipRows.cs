using Grid.Silo.Feeds.Leases;
using Npgsql;

namespace Grid.Silo.Tests.Feeds.Leases;

/// <summary>
/// Silos modelled as Orleans' ADO.NET clustering records them: rows in the real
/// <c>OrleansMembershipTable</c> (created by <c>OrleansPostgresSchema</c>), written by hand so a
/// test decides when a silo is Active and when Orleans declares it Dead.
/// </summary>
internal sealed class OrleansMembershipRows(string connectionString, string clusterId)
{
    private int _nextPort = 11111;

    public string ClusterId => clusterId;

    /// <summary>A new silo of the cluster, with a row in the given status.</summary>
    public async Task<LeaseHolder> AddSiloAsync(OrleansSiloStatus status = OrleansSiloStatus.Active)
    {
        var holder = new LeaseHolder(clusterId, "10.0.0.1", Interlocked.Increment(ref _nextPort), 472_000_000 + _nextPort);
        // The membership version row comes first: the membership table's foreign key needs it.
        await ExecuteAsync(
            """
            INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES ($1) ON CONFLICT DO NOTHING;
            INSERT INTO OrleansMembershipTable (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
            VALUES ($1, $2, $3, $4, 'silo-' || $3, 'host', $5, 0, now(), now());
            """,
            holder,
            (int)status);
        return holder;
    }

    public Task SetStatusAsync(LeaseHolder silo, OrleansSiloStatus status) => ExecuteAsync(
        "UPDATE OrleansMembershipTable SET Status = $5 WHERE DeploymentId = $1 AND Address = $2 AND Port = $3 AND Generation = $4",
        silo,
        (int)status);

    /// <summary>What Orleans' CleanupDefunctSiloEntries does to a long-dead silo.</summary>
    public Task RemoveAsync(LeaseHolder silo) => ExecuteAsync(
        "DELETE FROM OrleansMembershipTable WHERE DeploymentId = $1 AND Address = $2 AND Port = $3 AND Generation = $4",
        silo);

    /// <summary>
    /// Writes the lease row as a holder leaves it when its process is killed (no release, no
    /// further checks), and returns its fencing token.
    /// </summary>
    public async Task<long> GrantAsync(string name, LeaseHolder silo)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO grid_feed_lease (cluster_id, name, address, port, generation, fencing)
            VALUES ($1, $2, $3, $4, $5, nextval('grid_feed_lease_fencing'))
            RETURNING fencing
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = silo.ClusterId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = silo.Address });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = silo.Port });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = silo.Generation });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The fencing token of the lease row and the port of the silo it names (null when released).</summary>
    public async Task<(long Fencing, int? Port)?> ReadLeaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT fencing, port FROM grid_feed_lease WHERE cluster_id = $1 AND name = $2", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = clusterId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt32(1)) : null;
    }

    private async Task ExecuteAsync(string sql, LeaseHolder silo, int? status = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var batch = new NpgsqlBatch(connection);
        foreach (var statement in sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var command = new NpgsqlBatchCommand(statement);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = silo.ClusterId });
            if (statement.Contains("$2", StringComparison.Ordinal))
            {
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = silo.Address });
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = silo.Port });
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = silo.Generation });
            }

            if (status is { } value && statement.Contains("$5", StringComparison.Ordinal))
            {
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = value });
            }

            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync();
    }
}
