namespace Grid.Grains.Shutdowns;

/// <summary>A STOP row and the events of Grid that overlap it (same country and area, dates within the tolerance).</summary>
public sealed record StopMatch(StopRecord Row, IReadOnlyList<ObservedOutage> Events);
