using Grid.Grains;
using Grid.Runtime.Hosting;

namespace Grid.Silo.Hosting;

public static class GridGrainRuntime
{
    /// <summary>The configuration key that switches grain state from memory to PostgreSQL.</summary>
    public const string PostgresKey = "Grid:Storage:Postgres";

    /// <summary>
    /// The deployment table, in one place: by default every grain's state lives in memory; with
    /// <c>Grid:Storage:Postgres</c> set to an Npgsql connection string it lives in PostgreSQL.
    /// </summary>
    public static WebApplicationBuilder AddGridGrainRuntime(this WebApplicationBuilder builder)
    {
        var runtime = builder.Services.AddGridRuntime(builder.Configuration).AddGrainsFromAssembly(GridGrains.Assembly);
        var postgres = builder.Configuration[PostgresKey];
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            runtime.UsePostgresStorage(postgres);
        }

        builder.Services.AddSingleton(new StorageDescription(string.IsNullOrWhiteSpace(postgres) ? "memory" : "postgres"));
        return builder;
    }
}

/// <summary>Which storage this silo uses, for the info endpoint; never the connection string itself.</summary>
public sealed record StorageDescription(string Kind);
