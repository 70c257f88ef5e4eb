using Grid.Grains.Detection;
using Grid.Grains.Geography;
using Grid.Grains.Signals;
using Grid.Grains.Tests.Geography;
using Grid.Grains.Visibility;
using Grid.Runtime;
using Grid.Runtime.Hosting;
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

    public static async Task<VisibilitySilo> StartAsync(int fullFeedPrefixes = 0)
    {
        var options = new VisibilityOptions { FullFeedIPv4Prefixes = fullFeedPrefixes, FullFeedIPv6Prefixes = fullFeedPrefixes, BatchSize = 64 };
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGridRuntime().AddGrainsFromAssembly(GridGrains.Assembly);
        builder.Services.AddSingleton<IGeography>(SharedGeography.Database);
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new SignalOptions()));
        builder.Services.AddSingleton<VisibilityFanOut>();
        builder.Services.AddGridDetection(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return new VisibilitySilo(host, options);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
