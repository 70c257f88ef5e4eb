using Grid.Bgp.Model;

namespace Grid.Geography;

/// <summary>
/// Geography when no RIR data is available: all space is ZZ and no AS has a country. Grid still
/// counts per-AS visibility; countries appear once data is fetched (<c>grid geo fetch</c>).
/// </summary>
public sealed class UnknownGeography : IGeography
{
    public IReadOnlyCollection<CountryCode> Countries { get; } = [];

    public void Split(Prefix prefix, List<CountryBlock> pieces) => pieces.Add(new CountryBlock(prefix, CountryCode.Unknown));

    public CountryCode CountryOfAsn(uint asn) => CountryCode.Unknown;

    public IReadOnlyList<uint> AsnsOf(CountryCode country) => [];

    public string? AsName(uint asn) => null;

    public string? CountryName(CountryCode country) => CountryNames.NameOf(country);
}
