using Grid.Grains.Detection;

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

/// <summary>A level change to seal once <see cref="Due"/> (wall clock) has passed, so the bundle holds what followed it.</summary>
[GenerateSerializer, Alias("grid.PendingSeal")]
public sealed record PendingSeal([property: Id(0)] AnomalyEvent Change, [property: Id(1)] DateTimeOffset Due, [property: Id(2)] int Attempts = 0);
