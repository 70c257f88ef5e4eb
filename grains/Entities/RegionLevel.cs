using Grid.Grains.Detection;

namespace Grid.Grains.Entities;

/// <summary>
/// One region's line in its country's answer (<c>GET /v1/countries/{cc}</c>): enough to see at a
/// glance which parts of a country are dark; <c>GET /v1/regions/{code}</c> has the rest.
/// </summary>
[Immutable]
[GenerateSerializer, Alias("grid.RegionLevel")]
public sealed record RegionLevel(
    [property: Id(0)] string Code,
    [property: Id(1)] string? Name,
    [property: Id(2)] DetectionLevel Level,
    [property: Id(3)] bool HasData);
