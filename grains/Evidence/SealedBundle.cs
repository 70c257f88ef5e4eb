namespace Grid.Grains.Evidence;

/// <summary>One sealed bundle of an event: the <paramref name="Seal"/>-th level change it covers (from 1).</summary>
[GenerateSerializer, Alias("grid.SealedBundle")]
public sealed record SealedBundle(
    [property: Id(0)] string EventId,
    [property: Id(1)] int Seal,
    [property: Id(2)] string Level,
    [property: Id(3)] DateTimeOffset SealedAt,
    [property: Id(4)] long LogIndex,
    [property: Id(5)] string ManifestSha256);
