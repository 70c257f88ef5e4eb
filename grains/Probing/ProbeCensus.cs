namespace Grid.Grains.Probing;

/// <summary>Blocks by Trinocular state.</summary>
[GenerateSerializer, Alias("grid.ProbeCensus"), Immutable]
public readonly record struct ProbeCensus([property: Id(0)] int Blocks, [property: Id(1)] int Up, [property: Id(2)] int Down, [property: Id(3)] int Unknown)
{
    public static ProbeCensus operator +(ProbeCensus a, ProbeCensus b) =>
        new(a.Blocks + b.Blocks, a.Up + b.Up, a.Down + b.Down, a.Unknown + b.Unknown);
}
