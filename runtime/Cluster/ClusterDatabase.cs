using Npgsql;

namespace Grid.Runtime.Cluster;

/// <summary>
/// The cluster's PostgreSQL connections. Heartbeats get a small pool of their own, so that a burst
/// of state writes and claims can never make a healthy silo miss its heartbeats and be declared dead.
/// </summary>
internal sealed class ClusterDatabase : IAsyncDisposable
{
    public ClusterDatabase(string connectionString)
    {
        Main = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "grid-silo" });
        Membership = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
        {
            ApplicationName = "grid-membership",
            MaxPoolSize = 4,
        });
    }

    /// <summary>Grain state, the grain directory and leases.</summary>
    public NpgsqlDataSource Main { get; }

    /// <summary>Joins, heartbeats, death declarations and the member view.</summary>
    public NpgsqlDataSource Membership { get; }

    public async ValueTask DisposeAsync()
    {
        await Main.DisposeAsync().ConfigureAwait(false);
        await Membership.DisposeAsync().ConfigureAwait(false);
    }
}
