using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Grid.Runtime.State;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Grid.Runtime.Hosting;

/// <summary>Configures the grain runtime: which grains exist, their JSON contracts, and where state lives.</summary>
public sealed class GridRuntimeBuilder(IServiceCollection services)
{
    public IServiceCollection Services { get; } = services;

    public GridRuntimeBuilder AddGrainsFromAssembly(Assembly assembly)
    {
        Services.AddSingleton(new GrainAssembly(assembly));
        return this;
    }

    /// <summary>Adds a source-generated JSON context for the grain types of an assembly (faster than reflection).</summary>
    public GridRuntimeBuilder AddJsonTypeInfoResolver(IJsonTypeInfoResolver resolver)
    {
        Services.AddSingleton(resolver);
        return this;
    }

    public GridRuntimeBuilder UseMemoryStorage(string name = GrainStorageNames.Default) =>
        UseStorage(name, _ => new MemoryGrainStorage());

    /// <summary>Keeps grain state in PostgreSQL; the table is created when the silo starts.</summary>
    public GridRuntimeBuilder UsePostgresStorage(string connectionString, string name = GrainStorageNames.Default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        Services.AddKeyedSingleton(name, (_, _) => NpgsqlDataSource.Create(connectionString));
        return UseStorage(name, sp => new PostgresGrainStorage(sp.GetRequiredKeyedService<NpgsqlDataSource>(name)));
    }

    public GridRuntimeBuilder UseStorage(string name, Func<IServiceProvider, IGrainStorage> factory)
    {
        Services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => factory(sp));
        Services.AddSingleton(new GrainStorageName(name));
        return this;
    }
}

/// <summary>An assembly whose grain classes the runtime registers.</summary>
public sealed record GrainAssembly(Assembly Assembly);

/// <summary>The name of a registered grain storage, so the host can initialize each one at start.</summary>
public sealed record GrainStorageName(string Name);
