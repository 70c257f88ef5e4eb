using Grid.Geography;

namespace Grid.Silo.Hosting;

/// <summary>Loads geography while the silo starts, so the first route does not wait for it (about a second for all five RIRs).</summary>
internal sealed class GeographyStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<IGeography>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
