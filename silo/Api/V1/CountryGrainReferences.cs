using System.Collections.Concurrent;
using Grid.Grains.Entities;
using Grid.Geography;

namespace Grid.Silo.Api.V1;

/// <summary>
/// One grain reference per country for the API's reads. Orleans' <c>GetGrain</c> builds a new proxy
/// on every call (the interface's attributes read by reflection, its codecs and copiers made through
/// ActivatorUtilities), which was the largest single cost of <c>GET /v1/countries/{cc}</c> after
/// the grain call itself. A reference names the grain, not an activation, so it stays valid while
/// the grain moves or its silo dies; there are at most 26² codes.
/// </summary>
public sealed class CountryGrainReferences(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<CountryCode, ICountryGrain> _references = new();

    public ICountryGrain this[CountryCode code] =>
        _references.GetOrAdd(code, static (c, factory) => factory.GetGrain<ICountryGrain>(EntityKey.Country(c).Code), grains);
}
