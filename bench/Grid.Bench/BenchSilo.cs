using Grid.Bench.Grains;
using Grid.Grains.Detection;
using Grid.Grains.Hosting;
using Grid.Geography;
using Grid.Grains.Probing;
using Grid.Grains.Signals;
using Grid.Grains.Visibility;
using Grid.Testing.Processes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Grid.Bench;

/// <summary>
/// An Orleans silo inside the bench process, as the silo's local profile runs one (GridOrleans):
/// localhost clustering on free ports, memory grain storage, memory streams and in-memory reminders,
/// with Grid's grains and the bench's own. <paramref name="configure"/> may swap the stream provider.
/// </summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    /// <summary>The silo's stream provider name, as the product names it.</summary>
    public const string StreamProvider = AnomalyStream.Provider;

    private readonly IHost _host;

    private BenchSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    public static async Task<BenchSilo> StartAsync(IGeography geography, VisibilityOptions? visibility = null, Action<ISiloBuilder>? streams = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<DeliveryTarget>();
        builder.Services.AddSingleton(geography);
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(visibility ?? new VisibilityOptions()));
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new SignalOptions()));
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new ProbeBinOptions()));
        builder.Services.AddGridDetection(new ConfigurationBuilder().Build());
        builder.UseOrleans(silo =>
        {
            // Free ports: other silos (tests, other benchmarks) may hold Orleans' defaults on this machine.
            silo.UseLocalhostClustering(LoopbackPort.FindFree(), LoopbackPort.FindFree());
            silo.UseInMemoryReminderService();
            silo.UseGridStateSerializer();
            silo.AddMemoryGrainStorageAsDefault();
            silo.AddMemoryGrainStorage("PubSubStore");
            if (streams is null)
            {
                silo.AddMemoryStreams(StreamProvider);
            }
            else
            {
                streams(silo);
            }
        });
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
