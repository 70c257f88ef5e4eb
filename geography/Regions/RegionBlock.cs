using Grid.Bgp.Model;

namespace Grid.Geography.Regions;

/// <summary>A piece of address space and the region it lies in: what <see cref="RegionMap.Split"/> returns.</summary>
public readonly record struct RegionBlock(Prefix Prefix, RegionInfo Region);
