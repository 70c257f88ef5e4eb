using Grid.Bgp.Model;

namespace Grid.Geography;

/// <summary>
/// The silo's geography, swappable when the daily RIR files arrive. Each prefix shard counts with
/// the snapshot in <see cref="Current"/> and re-splits its visible prefixes when it changes
/// (Grid.Grains.Visibility.ShardEntitySpaces), so a withdrawal always leaves the country its announcement went to.
/// </summary>
public sealed class ReloadableGeography(IGeography initial) : IGeography
{
    private volatile IGeography _current = initial;

    /// <summary>Countries from <paramref name="countries"/>, with <paramref name="regions"/> beside them when there are any.</summary>
    public ReloadableGeography(IGeography countries, Regions.RegionMap? regions)
        : this(regions is null ? countries : new Regions.RegionalGeography(countries, regions))
    {
    }

    public IGeography Current => _current;

    public IReadOnlyCollection<CountryCode> Countries => _current.Countries;

    public void Replace(IGeography next) => _current = next;

    /// <summary>New region data (the monthly DB-IP file), keeping the country data in force.</summary>
    public void ReplaceRegions(Regions.RegionMap regions)
    {
        var countries = _current is Regions.RegionalGeography regional ? regional.Countries : _current;
        _current = new Regions.RegionalGeography(countries, regions);
    }

    /// <summary>New country data (the daily RIR files), keeping the region data in force.</summary>
    public void ReplaceCountries(IGeography countries)
    {
        var regions = _current.Regions;
        countries = countries is Regions.RegionalGeography regional ? regional.Countries : countries;
        _current = regions is null ? countries : new Regions.RegionalGeography(countries, regions);
    }

    public Regions.RegionMap? Regions => _current.Regions;

    public void Split(Prefix prefix, List<CountryBlock> pieces) => _current.Split(prefix, pieces);

    public CountryCode CountryOfAsn(uint asn) => _current.CountryOfAsn(asn);

    public IReadOnlyList<uint> AsnsOf(CountryCode country) => _current.AsnsOf(country);

    public string? AsName(uint asn) => _current.AsName(asn);

    public string? CountryName(CountryCode country) => _current.CountryName(country);
}
