namespace Grid.Grains.Signals;

/// <summary>A signal's value from <see cref="At"/> until the next point.</summary>
[GenerateSerializer, Alias("grid.SignalPoint")]
public readonly record struct SignalPoint([property: Id(0)] DateTimeOffset At, [property: Id(1)] long Value);
