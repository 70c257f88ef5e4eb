namespace Grid.Grains.Evidence;

/// <summary>The seals not made yet, kept across a crash.</summary>
[GenerateSerializer, Alias("grid.EvidenceState")]
public sealed class EvidenceState
{
    [Id(0)]
    public List<PendingSeal> Pending { get; set; } = [];

    /// <summary>The level changes already queued, so a change the stream delivers twice is sealed once.</summary>
    [Id(2)]
    public List<string> Seen { get; set; } = [];
}
