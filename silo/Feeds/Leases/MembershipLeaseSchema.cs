namespace Grid.Silo.Feeds.Leases;

/// <summary>
/// Grid's one table beside Orleans' own: a row per lease and cluster, naming its holder exactly as
/// <c>OrleansMembershipTable</c> names a silo, so whether the holder lives is read from Orleans'
/// membership instead of being decided again. A released lease keeps its row with no holder.
/// Created by <c>OrleansPostgresSchema.EnsureCreatedAsync</c>, under its lock.
/// </summary>
internal static class MembershipLeaseSchema
{
    public const string Table = "grid_feed_lease";

    public const string Sql = """
        CREATE SEQUENCE IF NOT EXISTS grid_feed_lease_fencing;
        CREATE TABLE IF NOT EXISTS grid_feed_lease (
            cluster_id   varchar(150) NOT NULL,
            name         text         NOT NULL,
            address      varchar(45),
            port         integer,
            generation   integer,
            fencing      bigint       NOT NULL,
            acquired_at  timestamptz  NOT NULL DEFAULT now(),
            PRIMARY KEY (cluster_id, name),
            CHECK ((address IS NULL) = (port IS NULL) AND (port IS NULL) = (generation IS NULL))
        );
        """;
}
