using Grid.Grains.Entities;

namespace Grid.Grains.Detection;

/// <summary>Who is being judged: the entity (<c>BY</c>, <c>AS6697</c>) and its country (an AS's registration country; null when unknown).</summary>
[GenerateSerializer, Alias("grid.EntityIdentity")]
public sealed record EntityIdentity([property: Id(0)] EntityKey Key, [property: Id(2)] string? Country);
