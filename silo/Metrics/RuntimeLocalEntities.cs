using Grid.Runtime.Activation;

namespace Grid.Silo.Metrics;

/// <summary>
/// <see cref="ILocalEntities"/> on Grid's own runtime: its activation directory lists the grains
/// active here without activating any. Grid's grain type names are the kinds themselves.
/// </summary>
public sealed class RuntimeLocalEntities(GrainRuntime runtime) : ILocalEntities
{
    public IReadOnlyList<string> ActiveKeys(string kind) => [.. runtime.ActiveGrains(kind).Select(id => id.Key)];
}
