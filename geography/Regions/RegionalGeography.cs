using Grid.Bgp.Model;

namespace Grid.Geography.Regions;

/// <summary>
/// A country geography with region data beside it: one immutable snapshot, so a shard that
/// counted with it splits countries and regions with the same versions, and re-splits both when
/// either changes.
/// </summary>
public sealed class RegionalGeography(IGeography countries, RegionMap regions) : IGeography
{
    /// <summary>The country geography underneath.</summary>
    public IGeography Countries => countries;

    public RegionMap Regions => regions;

    RegionMap? IGeography.Regions => regions;

    IReadOnlyCollection<CountryCode> IGeography.Countries => countries.Countries;

    public void Split(Prefix prefix, List<CountryBlock> pieces) => countries.Split(prefix, pieces);

    public CountryCode CountryOfAsn(uint asn) => countries.CountryOfAsn(asn);

    public IReadOnlyList<uint> AsnsOf(CountryCode country) => countries.AsnsOf(country);

    public string? AsName(uint asn) => countries.AsName(asn);

    public string? CountryName(CountryCode country) => countries.CountryName(country);
}
