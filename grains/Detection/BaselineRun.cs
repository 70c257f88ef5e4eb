namespace Grid.Grains.Detection;

/// <summary>Consecutive evaluation steps from <see cref="Start"/> to <see cref="End"/> that entered the history with one value.</summary>
public sealed record BaselineRun(DateTimeOffset Start, DateTimeOffset End, long Value);
