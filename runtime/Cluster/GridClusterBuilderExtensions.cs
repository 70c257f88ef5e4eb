using Grid.Runtime.Activation;
using Grid.Runtime.Cluster.Membership;
using Grid.Runtime.Cluster.Placement;
using Grid.Runtime.Cluster.Transport;
using Grid.Runtime.Hosting;
using Grid.Runtime.Messaging;
using Grid.Runtime.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Runtime.Cluster;

public static class GridClusterBuilderExtensions
{
    /// <summary>
    /// Turns the runtime into a cluster member when <c>Grid:Cluster:Postgres</c> is set: membership,
    /// the grain directory, leases and grain state in that database; calls to other silos over
    /// HTTP/2 on <c>Grid:Cluster:Listen</c>. Without the key nothing changes.
    /// </summary>
    public static GridRuntimeBuilder UseClusterIfConfigured(this GridRuntimeBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ClusterOptions.Section);
        return string.IsNullOrWhiteSpace(section[nameof(ClusterOptions.Postgres)])
            ? builder
            : builder.UseCluster(options => section.Bind(options));
    }

    /// <summary>Cluster mode with options set in code (tests, embedding).</summary>
    public static GridRuntimeBuilder UseCluster(this GridRuntimeBuilder builder, Action<ClusterOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ClusterOptions>().Configure(configure).Validate(
            o => o.IsEnabled && !string.IsNullOrWhiteSpace(o.SiloId) && o.HeartbeatInterval > TimeSpan.Zero && o.MissedHeartbeats >= 1 && Uri.IsWellFormedUriString(o.Listen, UriKind.Absolute),
            "Grid:Cluster needs Postgres (a connection string), a SiloId, a positive HeartbeatInterval, MissedHeartbeats ≥ 1 and Listen as an absolute URL such as http://0.0.0.0:5090.");
        services.AddSingleton(sp => new ClusterDatabase(sp.GetRequiredService<IOptions<ClusterOptions>>().Value.Postgres!));
        services.AddSingleton(sp => new ClusterMembership(
            sp.GetRequiredService<ClusterDatabase>(), sp.GetRequiredService<IOptions<ClusterOptions>>(), sp.GetRequiredService<ILogger<ClusterMembership>>()));
        services.AddSingleton<PostgresGrainDirectory>();
        services.AddSingleton<IGrainOwnership>(sp => sp.GetRequiredService<PostgresGrainDirectory>());
        services.AddSingleton<ClusterClient>();
        services.AddSingleton<ClusterRouter>();
        services.AddSingleton<LocalGrainCallDispatcher>();
        services.Replace(ServiceDescriptor.Singleton<IGrainCallDispatcher, ClusterGrainCallDispatcher>());
        services.Replace(ServiceDescriptor.Singleton<IActivationRequests, ClusterActivationRequests>());
        services.AddSingleton<ClusterLeases>();
        services.Replace(ServiceDescriptor.Singleton<IExclusiveLeases>(sp => sp.GetRequiredService<ClusterLeases>()));
        services.AddSingleton<GrainAdoption>();
        services.AddSingleton<IStateFence, ActivationStateFence>();

        // Grain state shares the cluster's database, every write fenced by the writer's claim.
        builder.UseStorage(GrainStorageNames.Default, sp => new PostgresGrainStorage(sp.GetRequiredService<ClusterDatabase>().Main, sp.GetRequiredService<IStateFence>()));

        // Streams in the same database: an event published on one silo reaches its subscriber on
        // another, and a published level change outlives the silo that published it.
        builder.UsePostgresStreams(sp => sp.GetRequiredService<ClusterDatabase>().Streams);

        // Started after the runtime host (storage ready) and stopped before it: the server first
        // accepts calls, then the silo joins; on stop it leaves and hands over while still serving.
        services.AddSingleton<ClusterServer>();
        services.AddHostedService(sp => sp.GetRequiredService<ClusterServer>());
        services.AddHostedService<ClusterHost>();
        return builder;
    }
}
