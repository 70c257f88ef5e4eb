using Grid.Bgp.Model;

namespace Grid.Grains.Visibility;

/// <summary>A prefix became visible (+1) or invisible (-1) for its origin AS and for the countries its space lies in.</summary>
public readonly record struct VisibilityTransition(Prefix Prefix, uint OriginAsn, int Sign);
