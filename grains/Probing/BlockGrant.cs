namespace Grid.Grains.Probing;

/// <summary>How many new blocks a sender may add now, and, when fewer than asked, why.</summary>
[GenerateSerializer, Alias("grid.BlockGrant"), Immutable]
public readonly record struct BlockGrant([property: Id(0)] int Granted, [property: Id(1)] ProbeRefusal Short);
