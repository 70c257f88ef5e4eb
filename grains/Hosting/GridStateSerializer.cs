using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Grid.Grains.Hosting;

/// <summary>
/// How every Grid silo writes grain state: with the grain-call codec (the [GenerateSerializer]
/// ids), binary and version-tolerant, rather than Orleans' default Newtonsoft JSON. One place,
/// so the product, the tests' silos and the benchmarks' silo write state the same way: a table
/// load made the JSON writer 10 % of a benchmark's samples while the product did not run it.
/// </summary>
public static class GridStateSerializer
{
    public static ISiloBuilder UseGridStateSerializer(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        return silo;
    }
}
