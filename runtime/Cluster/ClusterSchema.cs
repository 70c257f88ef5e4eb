using Grid.Runtime.State;
using Npgsql;

namespace Grid.Runtime.Cluster;

/// <summary>
/// The cluster's tables. Every decision about who is alive and who owns what is one statement
/// against them, so PostgreSQL's row locks are the only arbiter (no voting among silos).
/// </summary>
internal static class ClusterSchema
{
    // The same key PostgresGrainStorage takes: concurrent CREATE … IF NOT EXISTS can still race
    // on the catalog's unique index, so silos starting together create the schema one at a time.
    private const long SchemaLockKey = 0x47726964_0001;

    private const string Sql = """
        CREATE SEQUENCE IF NOT EXISTS grid_fencing;
        CREATE TABLE IF NOT EXISTS grid_silo (
            silo_id         text        PRIMARY KEY,
            address         text        NOT NULL,
            started_at      timestamptz NOT NULL DEFAULT now(),
            last_heartbeat  timestamptz NOT NULL DEFAULT now(),
            status          text        NOT NULL CHECK (status IN ('active', 'leaving', 'dead'))
        );
        CREATE TABLE IF NOT EXISTS grid_grain_directory (
            grain_type  text        NOT NULL,
            grain_key   text        NOT NULL,
            silo_id     text,
            fencing     bigint      NOT NULL,
            claimed_at  timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (grain_type, grain_key)
        );
        CREATE INDEX IF NOT EXISTS grid_grain_directory_silo ON grid_grain_directory (silo_id);
        CREATE TABLE IF NOT EXISTS grid_lease (
            name         text        PRIMARY KEY,
            silo_id      text,
            fencing      bigint      NOT NULL,
            acquired_at  timestamptz NOT NULL DEFAULT now()
        );
        """;

    public static Task CreateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
        => PostgresSchema.CreateAsync(dataSource, SchemaLockKey, Sql, cancellationToken);
}
