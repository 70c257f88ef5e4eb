using System.Collections.Concurrent;
using Grid.Geography;
using Grid.Grains.Entities;

namespace Grid.Silo.Api.V1;

/// <summary>
/// One grain reference per region of the region data, for the API's reads, as
/// <see cref="CountryGrainReferences"/> keeps them for countries: a country's answer reads all its
/// regions, and a proxy per call would cost more than the calls answered from the local cache.
/// Codes outside the region data (a user's typo, a region only POSTed signals name) get a fresh
/// reference each time, so what a user types cannot grow the map.
/// </summary>
public sealed class RegionGrainReferences(IGrainFactory grains, IGeography geography)
{
    private readonly ConcurrentDictionary<string, IRegionGrain> _references = new(StringComparer.Ordinal);

    /// <summary>The grain of the region keyed <paramref name="code"/> (as <see cref="EntityKey.TryRegion"/> spells it).</summary>
    public IRegionGrain this[string code] => geography.Regions?.Find(code) is not null
        ? _references.GetOrAdd(code, static (c, factory) => factory.GetGrain<IRegionGrain>(c), grains)
        : grains.GetGrain<IRegionGrain>(code);
}
