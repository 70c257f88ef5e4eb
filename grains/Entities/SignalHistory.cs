using Grid.Grains.Signals;

namespace Grid.Grains.Entities;

/// <summary>A slice of an entity's signal history, resampled to <see cref="Step"/>.</summary>
[Immutable]
[GenerateSerializer, Alias("grid.SignalHistory")]
public sealed record SignalHistory(
    [property: Id(0)] string Code,
    [property: Id(1)] DateTimeOffset From,
    [property: Id(2)] DateTimeOffset Until,
    [property: Id(3)] TimeSpan Step,
    [property: Id(4)] IReadOnlyDictionary<string, SignalPoint[]> Signals);
