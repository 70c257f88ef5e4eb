using Grid.Runtime;
using Grid.Runtime.Activation;
using Grid.Runtime.Hosting;
using Grid.Runtime.Streams;
using Grid.Runtime.Streams.Durable;
using Grid.Runtime.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Grid.Runtime.Tests.Harness;

/// <summary>A real host running the real runtime with this assembly's test grains.</summary>
internal sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private TestSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public GrainRuntime Runtime => _host.Services.GetRequiredService<GrainRuntime>();

    public LifecycleJournal Journal => _host.Services.GetRequiredService<LifecycleJournal>();

    public IStreamProvider Streams => _host.Services.GetRequiredKeyedService<IStreamProvider>(StreamProviderNames.Default);

    public IServiceProvider Services => _host.Services;

    /// <summary>
    /// Starts a silo; <paramref name="postgres"/> keeps grain state in that database, and
    /// <paramref name="streams"/> keeps stream events there (the durable provider).
    /// </summary>
    public static async Task<TestSilo> StartAsync(
        Action<GridRuntimeOptions>? options = null,
        string? postgres = null,
        string? streams = null,
        Action<DurableStreamOptions>? streamOptions = null,
        CapturedLogs? logs = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.Services.AddSingleton<LifecycleJournal>();
        var runtime = builder.Services.AddGridRuntime().AddGrainsFromAssembly(typeof(TestSilo).Assembly);
        if (postgres is not null)
        {
            runtime.UsePostgresStorage(postgres);
        }

        if (streams is not null)
        {
            runtime.UsePostgresStreams(streams);
            builder.Services.Configure<DurableStreamOptions>(o => streamOptions?.Invoke(o));
        }

        builder.Services.Configure<GridRuntimeOptions>(o =>
        {
            o.CallTimeout = TimeSpan.FromSeconds(20);
            options?.Invoke(o);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new TestSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
