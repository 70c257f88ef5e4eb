using Grid.Grains.Detection;
using Grid.Grains.Hosting;
using Grid.Grains.Visibility;
using Grid.Testing.Processes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Providers;
using Orleans.Runtime.Placement;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Grid.Grains.Tests.Hosting;

/// <summary>
/// Real Orleans silos in this process (Microsoft.Orleans.TestingHost) with Grid's real grains and
/// services (<see cref="GridSiloConfigurator"/>). Tests call grains through the primary silo's
/// grain factory, as the silo's own API does. With <c>postgres</c>, grain state lives in that
/// database and each silo reaches it through its own <see cref="PostgresLink"/>, so a test can kill
/// a silo the way a crash does: <see cref="KillSiloAsync"/>.
/// </summary>
internal sealed class GridTestCluster : IAsyncDisposable
{
    public const string PostgresKey = "GridTest:Postgres";
    private const string PostgresBySiloKey = "GridTest:PostgresBySilo";

    private readonly Dictionary<string, PostgresLink> _links;

    private GridTestCluster(TestCluster cluster, Dictionary<string, PostgresLink> links, VisibilityOptions visibility)
    {
        Cluster = cluster;
        _links = links;
        Visibility = visibility;
        Clock = new ClusterSignalClock(() => Silos.Select(s => ServicesOf(s).GetRequiredService<SignalClock>()));
    }

    public TestCluster Cluster { get; }

    public VisibilityOptions Visibility { get; }

    /// <summary>The primary silo: it holds the test cluster's membership table, so it is never the one killed.</summary>
    public SiloHandle Primary => Cluster.Primary ?? throw new InvalidOperationException("the primary silo is gone");

    public IReadOnlyList<SiloHandle> Silos => Cluster.GetActiveSilos().ToList();

    public IGrainFactory Grains => GrainsOn(Primary);

    public ClusterSignalClock Clock { get; }

    /// <summary>
    /// Starts <paramref name="silos"/> silos with <paramref name="settings"/> in their configuration;
    /// <paramref name="postgres"/>: grain state in that database (its Orleans tables are created
    /// here unless <paramref name="createSchema"/> is false); <paramref name="serviceId"/>: the
    /// same id lets a later cluster read the state an earlier one wrote.
    /// </summary>
    public static async Task<GridTestCluster> StartAsync(
        int silos = 1,
        IReadOnlyDictionary<string, string?>? settings = null,
        string? postgres = null,
        string? serviceId = null,
        bool createSchema = true)
    {
        var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        var links = new Dictionary<string, PostgresLink>(StringComparer.Ordinal);
        if (postgres is not null)
        {
            if (createSchema)
            {
                await OrleansSchema.CreateAsync(postgres, "Persistence", "Reminders");
            }

            values[PostgresKey] = postgres;
            var server = new NpgsqlConnectionStringBuilder(postgres);
            for (var i = 0; i < silos; i++)
            {
                var name = i == 0 ? "Primary" : $"Secondary_{i}";
                var link = new PostgresLink(server.Host ?? "127.0.0.1", server.Port);
                links[name] = link;
                values[$"{PostgresBySiloKey}:{name}"] = new NpgsqlConnectionStringBuilder(postgres) { Host = "127.0.0.1", Port = link.Port }.ConnectionString;
            }
        }

        var builder = new TestClusterBuilder((short)silos);
        builder.Options.ServiceId = serviceId ?? $"grid-test-{Guid.NewGuid():n}";
        builder.Options.ClusterId = $"grid-test-{Guid.NewGuid():n}";
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(values));
        builder.AddSiloBuilderConfigurator<GridSiloConfigurator>();
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            foreach (var link in links.Values)
            {
                await link.DisposeAsync();
            }

            throw;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new GridTestCluster(cluster, links, VisibilityOf(configuration));
    }

    /// <summary>The silo's own state connection (through its link), or the shared one.</summary>
    public static string? PostgresOf(IConfiguration configuration, string? siloName) =>
        (siloName is null ? null : configuration[$"{PostgresBySiloKey}:{siloName}"]) ?? configuration[PostgresKey];

    public static VisibilityOptions VisibilityOf(IConfiguration configuration) =>
        configuration.GetSection(VisibilityOptions.Section).Get<VisibilityOptions>() ?? new VisibilityOptions();

    public static IServiceProvider ServicesOf(SiloHandle silo) => ((InProcessSiloHandle)silo).SiloHost.Services;

    /// <summary>A silo's own grain factory: PreferLocal grains called through it are placed on that silo.</summary>
    public static IGrainFactory GrainsOn(SiloHandle silo) => ServicesOf(silo).GetRequiredService<IGrainFactory>();

    public SiloHandle Secondary(int index = 1) => Silos.Single(s => s.Name == $"Secondary_{index}");

    /// <summary>The silo holding <paramref name="grain"/>'s activation now, or null when it has none.</summary>
    public SiloAddress? SiloOf(IAddressable grain) =>
        Cluster.TryGetGrainContext(grain.GetGrainId(), out var context) ? context.Address.SiloAddress : null;

    /// <summary>
    /// Runs <paramref name="activate"/> with Orleans' placement hint set to <paramref name="silo"/>:
    /// grains it activates (and those they call in turn) are placed there.
    /// </summary>
    public static async Task OnSiloAsync(SiloHandle silo, Func<Task> activate)
    {
        ArgumentNullException.ThrowIfNull(activate);
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo.SiloAddress);
        try
        {
            await activate();
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    /// <summary>
    /// A crash: the silo's path to PostgreSQL is cut first (a dead process writes nothing more),
    /// then Orleans stops it without grace. Returns once the primary's membership has voted it
    /// dead, so the next call to one of its grains activates it on a survivor from PostgreSQL.
    /// </summary>
    public async Task KillSiloAsync(SiloHandle silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        Assert.NotEqual(Primary.SiloAddress, silo.SiloAddress);
        if (_links.TryGetValue(silo.Name, out var link))
        {
            link.Cut();
        }

        var dead = silo.SiloAddress;
        await Cluster.KillSiloAsync(silo);
        var management = Grains.GetGrain<IManagementGrain>(0);
        await Poll.UntilAsync($"{silo.Name} is voted dead", async () => !(await management.GetHosts(onlyActive: true)).ContainsKey(dead), TimeSpan.FromSeconds(60));
    }

    /// <summary>
    /// A graceful shutdown (a rolling deploy): Orleans deactivates the silo's grains, each with its
    /// OnDeactivateAsync, before the silo leaves the cluster.
    /// </summary>
    public async Task StopSiloAsync(SiloHandle silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        Assert.NotEqual(Primary.SiloAddress, silo.SiloAddress);
        var gone = silo.SiloAddress;
        await Cluster.StopSiloAsync(silo);
        var management = Grains.GetGrain<IManagementGrain>(0);
        await Poll.UntilAsync($"{silo.Name} left the cluster", async () => !(await management.GetHosts(onlyActive: true)).ContainsKey(gone), TimeSpan.FromSeconds(60));
    }

    /// <summary>The grains of <paramref name="kind"/> active on each silo, by the product's own bookkeeping.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ActiveKeys(string kind) =>
        Silos.ToDictionary(s => s.Name, s => ServicesOf(s).GetRequiredService<SiloActivations>().ActiveKeys(kind));

    /// <summary>What the default grain storage holds for a grain (PostgreSQL when the cluster has it), read through the primary.</summary>
    public async Task<T> StoredAsync<T>(GrainId grain, string stateName)
        where T : new()
    {
        var storage = ServicesOf(Primary).GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var state = new GrainState<T>(new T());
        await storage.ReadStateAsync(stateName, grain, state);
        return state.State ?? new T();
    }

    /// <summary>Writes <paramref name="value"/> as a grain's stored state, as an earlier version of Grid left it; the grain must not be active.</summary>
    public async Task StoreAsync<T>(GrainId grain, string stateName, T value)
    {
        var storage = ServicesOf(Primary).GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        await storage.WriteStateAsync(stateName, grain, new GrainState<T>(value));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Cluster.StopAllSilosAsync();
        }
        finally
        {
            await Cluster.DisposeAsync();
            foreach (var link in _links.Values)
            {
                await link.DisposeAsync();
            }
        }
    }
}
