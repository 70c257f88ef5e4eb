using Grid.Bgp.Model;

namespace Grid.Grains.Visibility;

/// <summary>One prefix announced (with its origin AS) or withdrawn by its section's peer.</summary>
[GenerateSerializer, Alias("grid.RouteChange")]
public readonly record struct RouteChange([property: Id(0)] Prefix Prefix, [property: Id(1)] RouteAction Action, [property: Id(2)] uint OriginAsn);
