namespace Grid.Grains.Detection;

/// <summary>Consecutive evaluation steps from <see cref="Start"/> to <see cref="End"/> that entered the history with one value.</summary>
[GenerateSerializer, Alias("grid.BaselineRun")]
public sealed record BaselineRun([property: Id(0)] DateTimeOffset Start, [property: Id(1)] DateTimeOffset End, [property: Id(2)] long Value);
