using Grid.Grains.Entities;

namespace Grid.Grains.Backtesting;

/// <summary>One point of a series: an entity's named signal (<c>probes</c>, <c>answers</c>, …) at an instant, in event time.</summary>
public readonly record struct SeriesPoint(DateTimeOffset At, EntityKey Entity, string Signal, long Value);
