namespace Grid.Grains.Probing;

/// <summary>
/// The beliefs of the observed blocks before and after a batch, in the batch's order: the prober's
/// adaptive re-probing reads them (Trinocular §3.3). <see cref="Refusals"/>, when not null, says
/// which observations the shard did not take (a sender's quota of new blocks, the table's cap).
/// </summary>
[GenerateSerializer, Alias("grid.ProbeBeliefs"), Immutable]
public sealed record ProbeBeliefs([property: Id(0)] float[] Before, [property: Id(1)] float[] After, [property: Id(2)] ProbeRefusal[]? Refusals = null)
{
    /// <summary>Why observation <paramref name="index"/> was not taken, or null when it was.</summary>
    public ProbeRefusal? Refusal(int index) => Refusals is { } refusals && refusals[index] != ProbeRefusal.None ? refusals[index] : null;
}
