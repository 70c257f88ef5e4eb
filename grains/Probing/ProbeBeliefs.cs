namespace Grid.Grains.Probing;

/// <summary>The beliefs of the observed blocks before and after a batch, in the batch's order: the prober's adaptive re-probing reads them (Trinocular §3.3).</summary>
[GenerateSerializer, Alias("grid.ProbeBeliefs"), Immutable]
public sealed record ProbeBeliefs([property: Id(0)] float[] Before, [property: Id(1)] float[] After);
