using Npgsql;

namespace Grid.Runtime.Cluster;

/// <summary>
/// The cluster's PostgreSQL connections. Heartbeats get a small pool of their own, so that a burst
/// of state writes and claims can never make a healthy silo miss its heartbeats and be declared dead.
/// </summary>
internal sealed class ClusterDatabase : IAsyncDisposable
{
    // Npgsql's own default (100 per process) lets a few silos activating grains in bulk exhaust
    // PostgreSQL's max_connections (100 by default); claims wait briefly for a connection instead.
    private const int DefaultPoolSize = 24;
    private const int NpgsqlDefaultPoolSize = 100;

    public ClusterDatabase(string connectionString)
    {
        var main = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "grid-silo" };
        if (main.MaxPoolSize == NpgsqlDefaultPoolSize)
        {
            main.MaxPoolSize = DefaultPoolSize;
        }

        Main = NpgsqlDataSource.Create(main);
        Streams = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
        {
            ApplicationName = "grid-streams",
            MaxPoolSize = 8,
        });
        Membership = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
        {
            ApplicationName = "grid-membership",
            MaxPoolSize = 4,
        });
    }

    /// <summary>
    /// Stream events, offsets and the LISTEN connection (durable streams): a pool apart, so a
    /// backlog being read cannot starve grain claims, nor claims the stream consumers.
    /// </summary>
    public NpgsqlDataSource Streams { get; }

    /// <summary>Grain state, the grain directory and leases.</summary>
    public NpgsqlDataSource Main { get; }

    /// <summary>Joins, heartbeats, death declarations and the member view.</summary>
    public NpgsqlDataSource Membership { get; }

    public async ValueTask DisposeAsync()
    {
        await Main.DisposeAsync().ConfigureAwait(false);
        await Streams.DisposeAsync().ConfigureAwait(false);
        await Membership.DisposeAsync().ConfigureAwait(false);
    }
}
