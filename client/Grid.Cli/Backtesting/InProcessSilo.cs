using System.Net;
using System.Net.Sockets;
using Grid.Geography;
using Grid.Grains.Detection;
using Grid.Grains.Hosting;
using Grid.Grains.Probing;
using Grid.Grains.Signals;
using Grid.Grains.Visibility;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grid.Cli.Backtesting;

/// <summary>
/// An Orleans silo inside the <c>grid</c> process, as the silo's local profile runs one: localhost
/// clustering on a free loopback port with no gateway, memory storage and memory streams, and
/// Grid's grains with the configuration the backtest was given. Nothing listens for HTTP.
/// </summary>
internal sealed class InProcessSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<InProcessSilo> StartAsync(IGeography geography, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(geography);
        builder.Services.AddOptions<VisibilityOptions>().Bind(configuration.GetSection(VisibilityOptions.Section));
        builder.Services.AddOptions<SignalOptions>().Bind(configuration.GetSection(SignalOptions.Section));
        builder.Services.AddSingleton(Options.Create(new ProbeBinOptions()));
        builder.Services.AddGridDetection(configuration);
        builder.UseOrleans(silo =>
        {
            // Loopback only, and no gateway (port 0): the silo's own client is in this process, and no
            // other process has anything to ask a backtest. The silo port is a free one, as Orleans'
            // default may belong to a silo running on this machine.
            silo.UseLocalhostClustering(FreePort(), gatewayPort: 0);
            silo.UseInMemoryReminderService();
            silo.UseGridStateSerializer();
            silo.AddMemoryGrainStorageAsDefault();
            silo.AddMemoryGrainStorage("PubSubStore");
            silo.AddMemoryStreams(AnomalyStream.Provider);
        });
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new InProcessSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(5));
        _host.Dispose();
    }

    /// <summary>A port the kernel just had free on loopback: Orleans' defaults may belong to a silo running here.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
