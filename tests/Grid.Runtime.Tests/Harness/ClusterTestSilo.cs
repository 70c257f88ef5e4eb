using Grid.Runtime.Activation;
using Grid.Runtime.Cluster;
using Grid.Runtime.Cluster.Membership;
using Grid.Runtime.Cluster.Transport;
using Grid.Runtime.Hosting;
using Grid.Runtime.Tests.Grains;
using Grid.Testing.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Grid.Runtime.Tests.Harness;

/// <summary>
/// A real host running the runtime in cluster mode against a real PostgreSQL, with its own
/// Kestrel cluster endpoint on a free loopback port. Several in one test process form a cluster.
/// </summary>
internal sealed class ClusterTestSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private ClusterTestSilo(IHost host, string siloId)
    {
        _host = host;
        SiloId = siloId;
    }

    public string SiloId { get; }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public GrainRuntime Runtime => _host.Services.GetRequiredService<GrainRuntime>();

    public ClusterMembership Membership => _host.Services.GetRequiredService<ClusterMembership>();

    public LifecycleJournal Journal => _host.Services.GetRequiredService<LifecycleJournal>();

    public IServiceProvider Services => _host.Services;

    public IHostApplicationLifetime Lifetime => _host.Services.GetRequiredService<IHostApplicationLifetime>();

    public int Port => _host.Services.GetRequiredService<ClusterServer>().Port;

    public static async Task<ClusterTestSilo> StartAsync(string postgres, string siloId, Action<ClusterOptions>? cluster = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton<LifecycleJournal>();
            var port = LoopbackPort.FindFree();
            builder.Services.AddGridRuntime().AddGrainsFromAssembly(typeof(ClusterTestSilo).Assembly).UseCluster(o =>
            {
                o.Postgres = postgres;
                o.SiloId = siloId;
                o.Listen = $"http://127.0.0.1:{port}";
                o.HeartbeatInterval = TimeSpan.FromMilliseconds(250);
                o.MissedHeartbeats = 3;
                cluster?.Invoke(o);
            });
            builder.Services.Configure<GridRuntimeOptions>(o => o.CallTimeout = TimeSpan.FromSeconds(20));
            var host = builder.Build();
            try
            {
                await host.StartAsync();
            }
            catch (IOException) when (attempt < 3)
            {
                // The free port was taken before Kestrel bound it.
                host.Dispose();
                continue;
            }

            var silo = new ClusterTestSilo(host, siloId);
            await silo.Membership.Joined.WaitAsync(TimeSpan.FromSeconds(30));
            return silo;
        }
    }

    /// <summary>Whether <paramref name="id"/> is active on this silo now.</summary>
    public bool Runs(GrainId id) => Runtime.ActiveGrains(id.Type).Contains(id);

    /// <summary>Stops heartbeats and drops every grain without a goodbye, as a crashed process would.</summary>
    public async Task CrashAsync()
    {
        var host = _host.Services.GetServices<IHostedService>().OfType<ClusterHost>().Single();
        await host.HaltAsync();
        await _host.Services.GetRequiredService<ClusterServer>().StopAsync(CancellationToken.None);
        _stopped = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            await _host.StopAsync();
        }

        _host.Dispose();
    }
}
