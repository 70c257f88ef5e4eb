using Grid.Grains.Entities;

namespace Grid.Grains.Backtesting;

/// <summary>A known outage of one entity, from a ground-truth file.</summary>
public sealed record TruthInterval(EntityKey Entity, DateTimeOffset Start, DateTimeOffset End, string? Label);
