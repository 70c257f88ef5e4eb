using Grid.Grains;
using Grid.Runtime.Cluster;
using Grid.Runtime.Hosting;

namespace Grid.Silo.Hosting;

public static class GridGrainRuntime
{
    /// <summary>The configuration key that switches grain state from memory to PostgreSQL.</summary>
    public const string PostgresKey = "Grid:Storage:Postgres";

    /// <summary>The configuration key that makes this silo a member of a cluster on PostgreSQL.</summary>
    public const string ClusterPostgresKey = ClusterOptions.Section + ":" + nameof(ClusterOptions.Postgres);

    /// <summary>
    /// The deployment table, in one place: by default every grain's state lives in memory; with
    /// <c>Grid:Storage:Postgres</c> set to an Npgsql connection string it lives in PostgreSQL; with
    /// <c>Grid:Cluster:Postgres</c> the silo joins a cluster whose membership, grain directory and
    /// grain state all live in that database.
    /// </summary>
    public static WebApplicationBuilder AddGridGrainRuntime(this WebApplicationBuilder builder)
    {
        var runtime = builder.Services.AddGridRuntime(builder.Configuration).AddGrainsFromAssembly(GridGrains.Assembly);
        var clustered = !string.IsNullOrWhiteSpace(builder.Configuration[ClusterPostgresKey]);
        var postgres = builder.Configuration[PostgresKey];
        if (clustered)
        {
            runtime.UseClusterIfConfigured(builder.Configuration);
        }
        else if (!string.IsNullOrWhiteSpace(postgres))
        {
            runtime.UsePostgresStorage(postgres);
        }

        builder.Services.AddSingleton(new StorageDescription(clustered || !string.IsNullOrWhiteSpace(postgres) ? "postgres" : "memory"));
        return builder;
    }
}

/// <summary>Which storage this silo uses, for the info endpoint; never the connection string itself.</summary>
public sealed record StorageDescription(string Kind);
