using Grid.Grains.Detection;
using Grid.Grains.Geography;
using Grid.Grains.Signals;
using Grid.Grains.Tests.Geography;
using Grid.Grains.Visibility;
using Grid.Runtime;
using Grid.Runtime.Activation;
using Grid.Runtime.Hosting;
using Grid.Runtime.State;
using Grid.Testing.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Grid.Grains.Tests.Visibility;

/// <summary>The real runtime with Grid's real grains and the real geography from ../shared/data/rir.</summary>
internal sealed class VisibilitySilo : IAsyncDisposable
{
    private readonly IHost _host;

    private VisibilitySilo(IHost host, VisibilityOptions options)
    {
        _host = host;
        Options = options;
    }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public VisibilityOptions Options { get; }

    public RouteIngest Ingest(string source) => new(Grains, Options, source);

    /// <param name="storage">Grain state shared with a later activation or silo, to model moves and crashes.</param>
    public static async Task<VisibilitySilo> StartAsync(int fullFeedPrefixes = 0, IGrainStorage? storage = null, TimeSpan? rebuildCoalesce = null)
    {
        var options = new VisibilityOptions { FullFeedIPv4Prefixes = fullFeedPrefixes, FullFeedIPv6Prefixes = fullFeedPrefixes, BatchSize = 64 };
        options.RebuildCoalesce = rebuildCoalesce ?? options.RebuildCoalesce;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("GRID_TEST_LOGS") is not null)
        {
            // The runtime's and grains' logs, for a failing test: GRID_TEST_LOGS=1 dotnet test ...
            builder.Logging.AddConsole();
        }

        var runtime = builder.Services.AddGridRuntime().AddGrainsFromAssembly(GridGrains.Assembly);
        if (storage is not null)
        {
            runtime.UseStorage(GrainStorageNames.Default, _ => storage);
        }

        builder.Services.AddSingleton<IGeography>(SharedGeography.Database);
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new SignalOptions()));
        builder.Services.AddSingleton<VisibilityFanOut>();
        builder.Services.AddGridDetection(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return new VisibilitySilo(host, options);
    }

    public IVisibilityRebuildGrain Rebuilds => Grains.GetGrain<IVisibilityRebuildGrain>(IVisibilityRebuildGrain.Key);

    /// <summary>
    /// Deactivates one grain while the rest of the runtime runs on, as a rebalance moves it (with
    /// its OnDeactivateAsync); with the storage cut first, its last writes fail as a crash's would.
    /// Returns once it is gone: the next call activates it afresh from storage.
    /// </summary>
    public async Task DeactivateAsync(string grainType, string key)
    {
        var runtime = _host.Services.GetRequiredService<GrainRuntime>();
        var id = new GrainId(grainType, key);
        var activation = runtime.Directory.All.Single(a => a.Id == id);
        Assert.True(activation.TryPost(new DeactivateWorkItem(DeactivationReason.ApplicationRequested)));
        await Poll.UntilAsync($"{id} deactivated", () => Task.FromResult(!runtime.Directory.All.Any(a => a.Id == id)), TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
