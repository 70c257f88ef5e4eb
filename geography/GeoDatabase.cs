using System.Collections.Frozen;
using Grid.Bgp.Model;
using Microsoft.Extensions.Logging;

namespace Grid.Geography;

/// <summary>
/// Prefix → country and ASN → country, built once from registry data and immutable after, so
/// any number of grains read it without locks. Lookups allocate nothing: a full table load asks
/// about a million prefixes.
/// <para>
/// Precedence when sources disagree: the most specific block wins (longest match), whatever its
/// source. For the same prefix listed twice, and for an ASN listed twice, the source given first
/// wins; <see cref="Load"/> puts the RIRs' own statistics files first, then ipverse's lists,
/// then the other tables (see <see cref="GeoFolder"/>).
/// </para>
/// </summary>
public sealed class GeoDatabase : IGeography
{
    private readonly LongestMatchTable _ipv4Blocks;
    private readonly LongestMatchTable _ipv6Blocks;
    private readonly CountryRanges _ipv4Ranges;
    private readonly CountryRanges _ipv6Ranges;
    private readonly AsnCountries _asns;
    private readonly FrozenDictionary<uint, string> _asNames;

    private GeoDatabase(IEnumerable<CountryBlock> blocks, IEnumerable<AsnBlock> asns, IEnumerable<KeyValuePair<uint, string>> asNames)
    {
        var (ipv4, ipv6) = SortedWithoutRepeats(blocks);
        _ipv4Blocks = new LongestMatchTable(ipv4);
        _ipv6Blocks = new LongestMatchTable(ipv6);
        _ipv4Ranges = new CountryRanges(ipv4);
        _ipv6Ranges = new CountryRanges(ipv6);
        _asns = new AsnCountries(asns);
        var names = new Dictionary<uint, string>();
        foreach (var (asn, name) in asNames)
        {
            names.TryAdd(asn, name);
        }

        _asNames = names.ToFrozenDictionary();
        Countries = ipv4.Concat(ipv6).Select(block => block.Country).Concat(_asns.Countries)
            .Where(country => !country.IsUnknown).Distinct().Order().ToArray().AsReadOnly();
    }

    /// <summary>
    /// Reads every recognised file in <paramref name="directory"/> (see <see cref="GeoFolder"/>).
    /// Unreadable lines and files are logged and left out.
    /// </summary>
    /// <exception cref="GeoDataNotFoundException">The folder is missing or holds no geography file.</exception>
    public static GeoDatabase Load(string directory, ILogger? logger = null) => GeoFolder.Load(directory, logger);

    /// <summary>Builds a database from blocks and ASN runs given in precedence order (first wins among equals).</summary>
    public static GeoDatabase Create(
        IEnumerable<CountryBlock> blocks,
        IEnumerable<AsnBlock>? asns = null,
        IEnumerable<KeyValuePair<uint, string>>? asNames = null) =>
        new(blocks, asns ?? [], asNames ?? []);

    /// <summary>Countries that hold any block or ASN, ascending; never ZZ.</summary>
    public IReadOnlyCollection<CountryCode> Countries { get; }

    /// <summary>Distinct IPv4 blocks after decomposition into CIDR prefixes.</summary>
    public int IPv4BlockCount => _ipv4Blocks.Count;

    public int IPv6BlockCount => _ipv6Blocks.Count;

    public int AsnCount => _asns.Count;

    public int AsNameCount => _asNames.Count;

    /// <summary>
    /// The country of the most specific block that contains all of <paramref name="prefix"/>;
    /// <see cref="CountryCode.Unknown"/> if none does. A prefix wider than any one block (say a /8
    /// over several countries) is ZZ here: use <see cref="Split(Prefix)"/> to attribute it.
    /// </summary>
    public CountryCode CountryOf(Prefix prefix) =>
        (prefix.IsIPv4 ? _ipv4Blocks : _ipv6Blocks).CountryOf(prefix);

    /// <summary>
    /// <paramref name="prefix"/> cut into pieces of one country each, in address order; the pieces
    /// partition it exactly. Each address counts for the most specific block containing it, and
    /// space in no block is ZZ. A prefix inside one country's space comes back whole.
    /// </summary>
    public IReadOnlyList<CountryBlock> Split(Prefix prefix)
    {
        var pieces = new List<CountryBlock>(1);
        Split(prefix, pieces);
        return pieces;
    }

    /// <summary>As <see cref="Split(Prefix)"/>, appending to <paramref name="pieces"/>: a hot path reuses one list.</summary>
    public void Split(Prefix prefix, List<CountryBlock> pieces) =>
        (prefix.IsIPv4 ? _ipv4Ranges : _ipv6Ranges).Split(prefix, pieces);

    public CountryCode CountryOfAsn(uint asn) => _asns.CountryOf(asn);

    /// <summary>The ASNs delegated to <paramref name="country"/>, ascending; empty if none.</summary>
    public IReadOnlyList<uint> AsnsOf(CountryCode country) => _asns.AsnsOf(country);

    /// <summary>The AS's name as the CIDR report gives it ("SVOD-AS Svod ltd., RU"), or null.</summary>
    public string? AsName(uint asn) => _asNames.GetValueOrDefault(asn);

    public string? CountryName(CountryCode country) => CountryNames.NameOf(country);

    // Sorts each family by prefix, keeping the first-given block where one prefix appears twice.
    // The arrays are sized up front: LINQ's ToArray would rent its growing buffers from the shared
    // ArrayPool, which keeps tens of megabytes of them alive after a load.
    private static (CountryBlock[] IPv4, CountryBlock[] IPv6) SortedWithoutRepeats(IEnumerable<CountryBlock> blocks)
    {
        var given = blocks as IReadOnlyCollection<CountryBlock> ?? blocks.ToList();
        var ordered = new (CountryBlock block, int order)[given.Count];
        var next = 0;
        foreach (var block in given)
        {
            ordered[next] = (block, next);
            next++;
        }

        Array.Sort(ordered, static (a, b) =>
        {
            var byPrefix = a.block.Prefix.CompareTo(b.block.Prefix);
            return byPrefix != 0 ? byPrefix : a.order.CompareTo(b.order);
        });

        var ipv4 = new List<CountryBlock>();
        var ipv6 = new List<CountryBlock>();
        for (var i = 0; i < ordered.Length; i++)
        {
            var block = ordered[i].block;
            if (i == 0 || block.Prefix != ordered[i - 1].block.Prefix)
            {
                (block.Prefix.IsIPv4 ? ipv4 : ipv6).Add(block);
            }
        }

        return ([.. ipv4], [.. ipv6]);
    }
}
