namespace Grid.Grains.Detection;

/// <summary>Who is being judged: the grain key (<c>BY</c>, <c>AS6697</c>), its kind and its country.</summary>
[GenerateSerializer, Alias("grid.EntityIdentity")]
public sealed record EntityIdentity([property: Id(0)] string Entity, [property: Id(1)] string Kind, [property: Id(2)] string? Country);
