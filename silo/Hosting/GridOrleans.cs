using System.Net.Sockets;
using Grid.Grains.Detection;
using Grid.Grains.Hosting;
using Grid.Silo.Feeds.Leases;
using Grid.Silo.Hosting.Cluster;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Storage;

namespace Grid.Silo.Hosting;

/// <summary>
/// The deployment table, in one place. By default the silo is a cluster of one on localhost with
/// memory storage and memory streams. <c>Grid:Cluster:Postgres</c> makes it a member of an Orleans
/// cluster whose membership, grain state, reminders and streams live in PostgreSQL (the Orleans
/// ADO.NET providers); in Kubernetes (<c>KUBERNETES_SERVICE_HOST</c> set) Orleans' Kubernetes
/// hosting also reads the pod's identity and removes dead silos' pods.
/// </summary>
public static class GridOrleans
{
    /// <summary>Grain state only (no cluster): a single silo that keeps state in PostgreSQL across restarts.</summary>
    public const string StoragePostgresKey = "Grid:Storage:Postgres";

    public const string ClusterPostgresKey = GridClusterOptions.Section + ":" + nameof(GridClusterOptions.Postgres);

    /// <summary>Orleans' pub-sub store: streams keep explicit subscriptions there (implicit ones need none, but the provider asks).</summary>
    private const string PubSubStore = "PubSubStore";

    private const string Invariant = "Npgsql";

    public static WebApplicationBuilder AddGridOrleans(this WebApplicationBuilder builder)
    {
        var cluster = builder.Configuration.GetSection(GridClusterOptions.Section).Get<GridClusterOptions>() ?? new GridClusterOptions();
        var storagePostgres = builder.Configuration[StoragePostgresKey] is { Length: > 0 } storage ? Tuned(storage, cluster.MaxPoolSize) : null;
        builder.Services.AddSingleton<SiloReadiness>();
        // The API starts beside the silo, not after it: /healthz answers and /readyz explains while
        // the silo waits for its database or joins its cluster.
        builder.Services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(cluster));
        builder.Services.AddSingleton<IExclusiveLeases, SingleSiloLeases>();
        builder.Services.AddSingleton(new StorageDescription(cluster.IsEnabled || !string.IsNullOrWhiteSpace(storagePostgres) ? "postgres" : "memory"));
        // Program.cs has already refused settings this cannot resolve.
        _ = ClusterTransport.TryResolve(cluster, out var credentials, out _);
        if (cluster.IsEnabled)
        {
            cluster.Postgres = Tuned(cluster.Postgres!, cluster.MaxPoolSize);
            AddMembershipLeases(builder, cluster);
        }

        builder.UseOrleans(silo =>
        {
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloReadiness>());
            silo.UseGridStateSerializer();
            silo.Configure<SiloOptions>(o => o.SiloName = cluster.SiloName);
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            if (!string.IsNullOrWhiteSpace(builder.Configuration["Grid:Otlp:Endpoint"]))
            {
                // Grain calls become spans (GridOpenTelemetry), with the caller's trace carried along.
                silo.AddActivityPropagation();
            }

            silo.AddGridDashboard(builder.Configuration);
            silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = builder.Configuration.GetValue("Grid:Grains:IdleTimeout", TimeSpan.FromMinutes(15)));
            if (cluster.IsEnabled)
            {
                UsePostgresCluster(silo, cluster);
                if (credentials is not null)
                {
                    silo.UseClusterTls(credentials);
                }
            }
            else
            {
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort);
                silo.UseInMemoryReminderService();
                silo.AddMemoryStreams(AnomalyStream.Provider);
                silo.AddMemoryGrainStorage(PubSubStore);
                if (string.IsNullOrWhiteSpace(storagePostgres))
                {
                    silo.AddMemoryGrainStorageAsDefault();
                }
                else
                {
                    silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => new OrleansSchemaParticipant(
                        storagePostgres, StoragePostgresKey, sp.GetRequiredService<SiloReadiness>(), sp.GetRequiredService<ILogger<OrleansSchemaParticipant>>()));
                    silo.AddAdoNetGrainStorageAsDefault(o => ConfigureStorage(o, storagePostgres));
                }
            }
        });
        return builder;
    }

    private static void UsePostgresCluster(ISiloBuilder silo, GridClusterOptions cluster)
    {
        var postgres = cluster.Postgres!;
        // The schema must exist before membership starts: a participant at the first lifecycle stage.
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => new OrleansSchemaParticipant(
            postgres, ClusterPostgresKey, sp.GetRequiredService<SiloReadiness>(), sp.GetRequiredService<ILogger<OrleansSchemaParticipant>>()));
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = postgres;
        });
        silo.AddAdoNetGrainStorageAsDefault(o => ConfigureStorage(o, postgres));
        silo.AddAdoNetGrainStorage(PubSubStore, o => ConfigureStorage(o, postgres));
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = postgres;
        });
        silo.AddAdoNetStreams(AnomalyStream.Provider, o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = postgres;
        });

        // Orleans' default directory (a DHT without recovery) loses the entries a crashed silo
        // owned, so the next call for such a grain makes a second activation beside a live one: a
        // prefix shard answered from an empty copy after a kill -9 and counted only routes announced
        // since. The distributed directory rebuilds a dead silo's range from the survivors'
        // activations before it answers again, which keeps one activation per grain across crashes.
#pragma warning disable ORLEANSEXP003 // experimental in Orleans 10: the strongly consistent distributed grain directory
        silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
        // Its lease over a dead silo's grains runs from the estimated failure (the end of the
        // probes, MaxProbeTimeout × NumMissedProbesLimit) for the rest of RangeLeaseDuration.
        silo.Services.AddOptions<GrainDirectoryOptions>().Configure<IOptions<ClusterMembershipOptions>>((directory, membership) =>
            directory.RangeLeaseDuration = (membership.Value.MaxProbeTimeout * membership.Value.NumMissedProbesLimit) + cluster.DeadSiloLease);

        // A silo that stops answering is voted dead after MissedProbes probes of ProbeTimeout each,
        // so its grains answer from survivors within about ProbeTimeout × (MissedProbes + 1).
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = cluster.ProbeTimeout;
            o.NumMissedProbesLimit = cluster.MissedProbes;
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
        });

        if (cluster.Rebalance)
        {
            // A silo that joins gets a share of the grains already active, instead of only new ones.
#pragma warning disable ORLEANSEXP002 // experimental in Orleans 10: the rebalancer moves activations between silos
            silo.AddActivationRebalancer();
#pragma warning restore ORLEANSEXP002
            // Orleans waits 60 s before its first session and 15 s between cycles; a silo that joins
            // should get its share within a minute or so, not several.
            silo.Configure<ActivationRebalancerOptions>(o =>
            {
                o.RebalancerDueTime = TimeSpan.FromSeconds(10);
                o.SessionCyclePeriod = cluster.RebalanceCycle;
            });
        }

        var advertised = cluster.ResolveAdvertisedAddress();
        if (advertised is not null)
        {
            // Listen only on the advertised address: the silo port is for other silos, not the world.
            silo.ConfigureEndpoints(advertised, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: false);
        }
        else
        {
            silo.ConfigureEndpoints(cluster.SiloPort, cluster.GatewayPort, AddressFamily.InterNetwork, listenOnAnyHostAddress: false);
        }

        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST")))
        {
            silo.UseKubernetesHosting();
        }
    }

    /// <summary>
    /// Feeds that must run once (the collector, prober shards) run under leases whose holder is
    /// named as Orleans' membership table names it, so a lease passes on exactly when Orleans
    /// declares its holder dead (<see cref="MembershipLeases"/>).
    /// </summary>
    private static void AddMembershipLeases(WebApplicationBuilder builder, GridClusterOptions cluster)
    {
        builder.Services.AddOptions<MembershipLeaseOptions>().Bind(builder.Configuration.GetSection(MembershipLeaseOptions.Section));
        builder.Services.AddKeyedSingleton(nameof(MembershipLeases), (_, _) => NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(cluster.Postgres!) { MaxPoolSize = 4 }.ConnectionString));
        builder.Services.AddSingleton(sp =>
        {
            var silo = sp.GetRequiredService<ILocalSiloDetails>().SiloAddress;
            var clusterId = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ClusterOptions>>().Value.ClusterId;
            return new LeaseHolder(clusterId, silo.Endpoint.Address.ToString(), silo.Endpoint.Port, silo.Generation);
        });
        builder.Services.Replace(ServiceDescriptor.Singleton<IExclusiveLeases>(sp => new MembershipLeases(
            sp.GetRequiredKeyedService<NpgsqlDataSource>(nameof(MembershipLeases)),
            sp.GetRequiredService<LeaseHolder>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<MembershipLeaseOptions>>(),
            sp.GetRequiredService<ILogger<MembershipLeases>>())));
    }

    /// <summary>
    /// The silo's connection string, tuned where the operator did not say otherwise:
    /// <list type="bullet">
    /// <item>Bounds the connections one silo opens (Npgsql pools per connection string, 100 by
    /// default): several silos and test runs share one server, whose own limit is often 100.</item>
    /// <item>Prepares Orleans' statements once per connection (Npgsql automatic preparation): a table
    /// load activates every entity, each reading its state with the same parameterised query, and
    /// PostgreSQL spent more than a core parsing and planning them again and again.</item>
    /// <item>Skips the reset on each return to the pool (DISCARD ALL): no Grid or Orleans query
    /// leaves session state behind (the schema lock is pg_advisory_xact_lock, released at commit).</item>
    /// </list>
    /// </summary>
    internal static string Tuned(string postgres, int maxPoolSize)
    {
        var builder = new NpgsqlConnectionStringBuilder(postgres);
        if (!Mentions(postgres, "Maximum Pool Size", "MaxPoolSize"))
        {
            builder.MaxPoolSize = maxPoolSize;
        }

        if (!Mentions(postgres, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 32;
            builder.AutoPrepareMinUsages = 2;
        }

        if (!Mentions(postgres, "No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    private static bool Mentions(string postgres, params string[] keys) => keys.Any(k => postgres.Contains(k, StringComparison.OrdinalIgnoreCase));

    private static void ConfigureStorage(AdoNetGrainStorageOptions options, string postgres)
    {
        options.Invariant = Invariant;
        options.ConnectionString = postgres;
    }
}

/// <summary>Which storage this silo uses, for the info endpoint; never the connection string itself.</summary>
public sealed record StorageDescription(string Kind);
