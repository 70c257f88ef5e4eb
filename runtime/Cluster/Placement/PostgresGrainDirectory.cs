using Grid.Runtime.Activation;
using Grid.Runtime.Cluster.Membership;
using Npgsql;

namespace Grid.Runtime.Cluster.Placement;

/// <summary>
/// The cluster's grain directory: one row per active grain in <c>grid_grain_directory</c>, naming
/// its silo and a fencing token drawn from one sequence. A claim is one statement: it takes the
/// row if it is free, released, this silo's, or held by a silo that is dead or gone; otherwise
/// it answers the live owner. A silo that is leaving keeps its rows until it releases them, so
/// the last state write of a hand-over is never fenced out.
/// </summary>
internal sealed class PostgresGrainDirectory(ClusterDatabase database, ClusterMembership membership) : IGrainOwnership
{
    // The CTE's outer SELECT sees the snapshot from before the upsert, so when the claim is
    // refused it still reads the row that refused it, in the same statement.
    private const string ClaimSql = """
        WITH claim AS (
            INSERT INTO grid_grain_directory AS d (grain_type, grain_key, silo_id, fencing)
            VALUES ($1, $2, $3, nextval('grid_fencing'))
            ON CONFLICT (grain_type, grain_key) DO UPDATE
                SET silo_id = EXCLUDED.silo_id, fencing = EXCLUDED.fencing, claimed_at = now()
                WHERE d.silo_id IS NULL
                   OR d.silo_id = EXCLUDED.silo_id
                   OR NOT EXISTS (SELECT 1 FROM grid_silo s WHERE s.silo_id = d.silo_id AND s.status <> 'dead')
            RETURNING silo_id, fencing
        )
        SELECT silo_id, fencing, true FROM claim
        UNION ALL
        SELECT silo_id, fencing, false FROM grid_grain_directory
        WHERE grain_type = $1 AND grain_key = $2 AND NOT EXISTS (SELECT 1 FROM claim)
        """;

    public async ValueTask<long> ClaimAsync(GrainId id, CancellationToken cancellationToken)
    {
        if (membership.IsLeaving)
        {
            throw new SiloUnavailableException($"Silo {membership.SiloId} is leaving the cluster; {id} activates elsewhere.");
        }

        // A refused claim whose blocking row vanished before our read (released, deleted) is simply tried again.
        for (var attempt = 0; ; attempt++)
        {
            await using var command = database.Main.CreateCommand(ClaimSql);
            command.Parameters.Add(new NpgsqlParameter { Value = id.Type });
            command.Parameters.Add(new NpgsqlParameter { Value = id.Key });
            command.Parameters.Add(new NpgsqlParameter { Value = membership.SiloId });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var fencing = reader.GetInt64(1);
                if (reader.GetBoolean(2))
                {
                    return fencing;
                }

                throw new GrainOwnedElsewhereException(id, reader.IsDBNull(0) ? null : reader.GetString(0));
            }

            if (attempt >= 3)
            {
                throw new GrainOwnedElsewhereException(id, ownerSiloId: null);
            }
        }
    }

    public async ValueTask ReleaseAsync(GrainId id, long fencing, bool handOver, CancellationToken cancellationToken)
    {
        // Only our own claim: a row taken over meanwhile belongs to its new owner.
        await using var command = database.Main.CreateCommand(handOver
            ? "UPDATE grid_grain_directory SET silo_id = NULL WHERE grain_type = $1 AND grain_key = $2 AND silo_id = $3 AND fencing = $4"
            : "DELETE FROM grid_grain_directory WHERE grain_type = $1 AND grain_key = $2 AND silo_id = $3 AND fencing = $4");
        command.Parameters.Add(new NpgsqlParameter { Value = id.Type });
        command.Parameters.Add(new NpgsqlParameter { Value = id.Key });
        command.Parameters.Add(new NpgsqlParameter { Value = membership.SiloId });
        command.Parameters.Add(new NpgsqlParameter { Value = fencing });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Grains of <paramref name="grainTypes"/> that nobody runs: released by a silo that handed
    /// them over, or claimed by a silo that is dead or gone. Their state is in storage and their
    /// timers re-arm once some silo activates them.
    /// </summary>
    public async Task<IReadOnlyList<GrainId>> OrphansAsync(string[] grainTypes, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.Main.CreateCommand("""
            SELECT grain_type, grain_key FROM grid_grain_directory d
            WHERE d.grain_type = ANY($1)
              AND (d.silo_id IS NULL OR NOT EXISTS (SELECT 1 FROM grid_silo s WHERE s.silo_id = d.silo_id AND s.status <> 'dead'))
            LIMIT $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = grainTypes });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var orphans = new List<GrainId>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            orphans.Add(new GrainId(reader.GetString(0), reader.GetString(1)));
        }

        return orphans;
    }
}
