using Grid.Grains.Detection;

namespace Grid.Grains.Evidence;

/// <summary>A level change to seal once <see cref="Due"/> (wall clock) has passed, so the bundle holds what followed it.</summary>
[GenerateSerializer, Alias("grid.PendingSeal")]
public sealed record PendingSeal([property: Id(0)] AnomalyEvent Change, [property: Id(1)] DateTimeOffset Due, [property: Id(2)] int Attempts = 0);
