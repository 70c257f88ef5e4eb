using Grid.Bgp.Model;

namespace Grid.Geography;

/// <summary>Where address space and AS numbers are registered: what the signals need from geography.</summary>
public interface IGeography
{
    /// <summary>
    /// The data in force now, as an immutable snapshot: a reloadable geography returns the data it
    /// currently serves, so a holder can split with one version and notice when it changes.
    /// </summary>
    IGeography Current => this;

    /// <summary>The countries known to the data.</summary>
    IReadOnlyCollection<CountryCode> Countries { get; }

    /// <summary>Appends the pieces of <paramref name="prefix"/> by country; they partition it exactly, unknown space as ZZ.</summary>
    void Split(Prefix prefix, List<CountryBlock> pieces);

    CountryCode CountryOfAsn(uint asn);

    IReadOnlyList<uint> AsnsOf(CountryCode country);

    string? AsName(uint asn);

    /// <summary>The country's English short name (ISO 3166-1), or null for codes that are not countries.</summary>
    string? CountryName(CountryCode country);

    /// <summary>Sub-national regions (Grid:Geo:Regions), or null when no region data is loaded.</summary>
    Regions.RegionMap? Regions => null;
}
