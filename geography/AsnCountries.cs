using System.Collections.Frozen;
using System.Collections.ObjectModel;

namespace Grid.Geography;

/// <summary>
/// Which country each AS number was delegated to, and the reverse. Runs are expanded once at
/// build time (about 120k ASNs world-wide), so both directions are a hash lookup.
/// </summary>
internal sealed class AsnCountries
{
    private readonly FrozenDictionary<uint, CountryCode> _countryOf;
    private readonly FrozenDictionary<CountryCode, ReadOnlyCollection<uint>> _asnsOf;

    /// <param name="runs">In precedence order: when two runs claim one ASN, the earlier one wins.</param>
    public AsnCountries(IEnumerable<AsnBlock> runs)
    {
        var countryOf = new Dictionary<uint, CountryCode>();
        foreach (var run in runs)
        {
            for (var asn = run.First; ; asn++)
            {
                countryOf.TryAdd(asn, run.Country);
                if (asn == run.Last)
                {
                    break;
                }
            }
        }

        _countryOf = countryOf.ToFrozenDictionary();
        _asnsOf = countryOf
            .GroupBy(pair => pair.Value, pair => pair.Key)
            .ToFrozenDictionary(group => group.Key, group => Array.AsReadOnly(group.Order().ToArray()));
    }

    public int Count => _countryOf.Count;

    public IEnumerable<CountryCode> Countries => _asnsOf.Keys;

    public CountryCode CountryOf(uint asn) => _countryOf.TryGetValue(asn, out var country) ? country : CountryCode.Unknown;

    public IReadOnlyList<uint> AsnsOf(CountryCode country) => _asnsOf.TryGetValue(country, out var asns) ? asns : [];
}
