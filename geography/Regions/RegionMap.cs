using System.Collections.Frozen;
using Grid.Bgp.Model;

namespace Grid.Geography.Regions;

/// <summary>
/// Address space → sub-national region, from a city-level IP database (DB-IP's IP-to-City Lite),
/// immutable once built so that every prefix shard reads it without locks. Regions nest inside
/// countries: <see cref="Split"/> cuts a piece that Grid's country geography already placed in a
/// country, and keeps only the units the region data also places in that country, so a country's
/// regions always sum to at most its own count; the rest is space the data places in no region
/// of it.
/// </summary>
public sealed class RegionMap
{
    /// <summary>What DB-IP's licence (CC BY 4.0) asks to be shown wherever its regions are.</summary>
    public const string Attribution = "IP Geolocation by DB-IP (https://db-ip.com), CC BY 4.0";

    private readonly RegionInfo?[] _byId;
    private readonly RegionRanges _ipv4;
    private readonly RegionRanges _ipv6;
    private readonly FrozenDictionary<string, RegionInfo> _byCode;
    private readonly FrozenDictionary<CountryCode, RegionInfo[]> _byCountry;

    internal RegionMap(RegionInfo?[] byId, RegionRanges ipv4, RegionRanges ipv6, string version, IRegionNaming? naming = null)
    {
        _byId = byId;
        _ipv4 = ipv4;
        _ipv6 = ipv6;
        Version = version;
        var regions = byId.OfType<RegionInfo>().ToArray();
        _byCode = regions.ToFrozenDictionary(r => r.Code, StringComparer.OrdinalIgnoreCase);
        _byCountry = regions.GroupBy(r => r.Country)
            .ToFrozenDictionary(g => g.Key, g => g.OrderBy(r => r.Code, StringComparer.Ordinal).ToArray());
        Regions = [.. regions.OrderBy(r => r.Code, StringComparer.Ordinal)];
        _naming = naming;
        _bySourceName = Slugs(regions, r => r.SourceNames);
        _byDisplayName = Slugs(regions, r => [r.Name]);
    }

    private readonly IRegionNaming? _naming;
    private readonly FrozenDictionary<string, RegionInfo> _bySourceName;
    private readonly FrozenDictionary<string, RegionInfo> _byDisplayName;

    /// <summary>Every region, by code.</summary>
    public IReadOnlyList<RegionInfo> Regions { get; }

    /// <summary>The source files' identity (a hash of their contents), for evidence and logs.</summary>
    public string Version { get; }

    /// <summary>Runs of one region kept per family, and their size in memory.</summary>
    public (int IPv4Runs, int IPv6Runs, long Bytes) Size => (_ipv4.Count, _ipv6.Count, _ipv4.Bytes + _ipv6.Bytes);

    /// <summary>The regions of <paramref name="country"/>, by code; empty when the data has none.</summary>
    public IReadOnlyList<RegionInfo> RegionsOf(CountryCode country) => _byCountry.GetValueOrDefault(country) ?? [];

    /// <summary>A region by its code (<c>BY-HM</c>, any case).</summary>
    public RegionInfo? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>
    /// A region by its code or by a name (<c>MM-Bago</c>, <c>BY-Minsk City</c>, <c>by-minsk</c>, any
    /// case): signals POSTed under a name reach the region that the BGP and probe counts go to. In
    /// order: the code; one of the data's own spellings; the name matcher the map was built with;
    /// the region's display name. A name two regions share at one step resolves to neither there.
    /// </summary>
    public RegionInfo? Resolve(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Find(text) is { } byCode)
        {
            return byCode;
        }

        if (text.Length < 4 || text[2] != '-' || !CountryCode.TryParse(text[..2], out var country))
        {
            return null;
        }

        var slug = RegionSlug.Of(country, text[3..]);
        return _bySourceName.GetValueOrDefault(slug)
            ?? (_naming?.IsoCodeOf(country, text[3..]) is { } iso ? Find(iso) : null)
            ?? _byDisplayName.GetValueOrDefault(slug);
    }

    private static FrozenDictionary<string, RegionInfo> Slugs(IEnumerable<RegionInfo> regions, Func<RegionInfo, IEnumerable<string>> names)
    {
        var slugs = new Dictionary<string, RegionInfo?>(StringComparer.Ordinal);
        foreach (var region in regions)
        {
            foreach (var slug in names(region).Select(n => RegionSlug.Of(region.Country, n)).Distinct())
            {
                slugs[slug] = slugs.TryGetValue(slug, out var other) && other != region ? null : region;
            }
        }

        return slugs.Where(s => s.Value is not null).ToFrozenDictionary(s => s.Key, s => s.Value!, StringComparer.Ordinal);
    }

    /// <summary>The region of the unit (/24 or /48) holding <paramref name="prefix"/>'s first address, or null.</summary>
    public RegionInfo? RegionOf(Prefix prefix) => _byId[(prefix.IsIPv4 ? _ipv4 : _ipv6).IdAt(prefix.Bits)];

    /// <summary>
    /// Appends the pieces of <paramref name="prefix"/>, which lies in <paramref name="country"/>, by
    /// region of that country, in address order. Units the data places in no region, or in another
    /// country's, are left out.
    /// </summary>
    public void Split(Prefix prefix, CountryCode country, List<RegionBlock> pieces) =>
        (prefix.IsIPv4 ? _ipv4 : _ipv6).Split(prefix, country, _byId, pieces);
}
