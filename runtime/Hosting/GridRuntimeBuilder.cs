using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Grid.Runtime.State;
using Grid.Runtime.Streams;
using Grid.Runtime.Streams.Durable;
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

    /// <summary>
    /// Keeps stream events in PostgreSQL (tables <c>grid_stream_event</c> and <c>grid_stream_offset</c>,
    /// created on first use) instead of in process memory: what a cluster needs, so that an event
    /// published on one silo reaches its subscriber on another, and survives any silo's death.
    /// Settings come from <c>Grid:Streams</c> (<see cref="DurableStreamOptions"/>).
    /// </summary>
    public GridRuntimeBuilder UsePostgresStreams(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return UsePostgresStreams(NpgsqlDataSource.Create(connectionString));
    }

    /// <inheritdoc cref="UsePostgresStreams(string)"/>
    public GridRuntimeBuilder UsePostgresStreams(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return UsePostgresStreams(_ => dataSource);
    }

    /// <inheritdoc cref="UsePostgresStreams(string)"/>
    public GridRuntimeBuilder UsePostgresStreams(Func<IServiceProvider, NpgsqlDataSource> dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        Services.AddOptions<DurableStreamOptions>();
        Services.AddSingleton(sp => new PostgresStreamLog(dataSource(sp)));
        Services.AddSingleton<StreamNotifications>();
        Services.AddSingleton<PostgresStreamProvider>();
        Services.AddSingleton<IImplicitSubscriberActivations>(sp => sp.GetRequiredService<PostgresStreamProvider>());

        // Registered after the in-process provider, so it is the one GetStreamProvider returns.
        Services.AddKeyedSingleton<IStreamProvider>(StreamProviderNames.Default, (sp, _) => sp.GetRequiredService<PostgresStreamProvider>());
        Services.AddHostedService<DurableStreamHost>();
        return this;
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
