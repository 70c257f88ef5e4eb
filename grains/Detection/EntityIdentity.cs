using Grid.Grains.Entities;

namespace Grid.Grains.Detection;

/// <summary>
/// Who is being judged: the entity (<c>BY</c>, <c>AS6697</c>, <c>BY-VI</c>), its country (an AS's
/// registration country, a region's country; null when unknown) and its name ("Vitebsk Region"),
/// which its events carry so that a region's alert says where without a lookup.
/// </summary>
[GenerateSerializer, Alias("grid.EntityIdentity")]
public sealed record EntityIdentity([property: Id(0)] EntityKey Key, [property: Id(2)] string? Country, [property: Id(3)] string? Name = null);
