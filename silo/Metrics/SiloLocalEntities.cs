using Grid.Grains.Hosting;

namespace Grid.Silo.Metrics;

/// <summary>
/// <see cref="ILocalEntities"/> on Orleans: the grains that export say when they activate and
/// deactivate on this silo (<see cref="SiloActivations"/>), so listing them activates nothing.
/// Grid's grain type names ([GrainType]) are the kinds themselves.
/// </summary>
public sealed class SiloLocalEntities(SiloActivations activations) : ILocalEntities
{
    public IReadOnlyList<string> ActiveKeys(string kind) => activations.ActiveKeys(kind);
}
