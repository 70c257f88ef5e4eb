namespace Grid.Grains.Probing;

/// <summary>A block's part of one bin (<see cref="PastBin"/>): the bin's end, the state at its close, and what was measured in it.</summary>
[GenerateSerializer, Alias("grid.ProbeBinResult"), Immutable]
public readonly record struct ProbeBinResult(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] BlockState State,
    [property: Id(2)] int Sent,
    [property: Id(3)] int Received,
    [property: Id(4)] double? MeanRttMs);
