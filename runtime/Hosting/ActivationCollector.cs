using Grid.Runtime.Activation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Grid.Runtime.Hosting;

/// <summary>Deactivates idle grains every <see cref="GridRuntimeOptions.CollectionInterval"/>, as Orleans' activation collector does.</summary>
internal sealed class ActivationCollector(GrainRuntime runtime, IOptions<GridRuntimeOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CollectionInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                runtime.CollectIdle();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
