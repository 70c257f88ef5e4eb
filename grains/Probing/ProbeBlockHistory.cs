namespace Grid.Grains.Probing;

/// <summary>
/// One probed /24 of an entity through the bins of an evidence window, as its probe shard kept
/// them: per bin its Trinocular state at the close, probes sent, answers and their mean RTT.
/// This is the rawest probe record Grid holds (single packets are not kept). <see cref="Changed"/>
/// is true when the block's state differed between bins of the window, the blocks a bundle keeps first.
/// </summary>
[GenerateSerializer, Alias("grid.ProbeBlockHistory"), Immutable]
public sealed record ProbeBlockHistory(
    [property: Id(0)] uint Network,
    [property: Id(1)] bool Changed,
    [property: Id(2)] ProbeBinResult[] Bins);
