using Grid.Geography;

namespace Grid.Grains.Probing;

/// <summary>
/// What a probe shard persists (<see cref="BlockTable.Snapshot"/>): each block's network, belief,
/// availability, entity and the bin it was last observed in, one array per column. Written at a bin
/// close when something was observed, so a shard adopted after its silo died resumes from the beliefs
/// of its last closed bin instead of calling every block unknown.
/// </summary>
[GenerateSerializer, Alias("grid.ProbeShardState")]
public sealed class ProbeShardState
{
    [Id(0)]
    public int Bin { get; set; }

    [Id(1)]
    public uint[] Networks { get; set; } = [];

    [Id(2)]
    public float[] Beliefs { get; set; } = [];

    [Id(3)]
    public float[] Availabilities { get; set; } = [];

    [Id(4)]
    public CountryCode[] Countries { get; set; } = [];

    [Id(5)]
    public uint[] Asns { get; set; } = [];

    [Id(6)]
    public int[] LastBins { get; set; } = [];
}
