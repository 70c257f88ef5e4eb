using Grid.Runtime.Activation;
using Microsoft.Extensions.Options;

namespace Grid.Runtime.Hosting;

/// <summary>Deactivates idle grains every <see cref="GridRuntimeOptions.CollectionInterval"/>, as Orleans' activation collector does.</summary>
internal sealed class ActivationCollector(GrainRuntime runtime, IOptions<GridRuntimeOptions> options)
    : PeriodicSweep(options.Value.CollectionInterval)
{
    protected override void Sweep() => runtime.CollectIdle();
}
