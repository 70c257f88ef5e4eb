namespace Grid.Grains.Signals;

/// <summary>A signal's value from <see cref="At"/> until the next point.</summary>
public readonly record struct SignalPoint(DateTimeOffset At, long Value);
