using System.Collections.Concurrent;

namespace Grid.Geography.Regions;

/// <summary>
/// Gives each distinct (country, name) of a region database the id of its region, shared by the
/// files read in parallel: spellings that match one ISO 3166-2 code, or one slug, share an id.
/// Ids are <see cref="ushort"/>s (0: no region), so a unit's region costs two bytes; the world
/// has some 4,000 first-level subdivisions.
/// </summary>
internal sealed class RegionRegistry(IRegionNaming? naming)
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<(string Country, string Name), ushort> _ids = new();
    private readonly Dictionary<string, ushort> _byCode = new(StringComparer.Ordinal);
    private readonly List<(string Code, CountryCode Country, bool Iso, List<string> Names)> _regions = [default];

    public ushort IdOf(string? country, string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || !CountryCode.TryParse(country, out var code) || code.IsUnknown)
        {
            return 0;
        }

        return _ids.TryGetValue((country!, name), out var id) ? id : Add(code, country!, name);
    }

    private ushort Add(CountryCode country, string countryText, string name)
    {
        lock (_gate)
        {
            if (_ids.TryGetValue((countryText, name), out var known))
            {
                return known;
            }

            var iso = naming?.IsoCodeOf(country, name);
            var key = iso ?? RegionSlug.Of(country, name);
            if (!_byCode.TryGetValue(key, out var id))
            {
                if (_regions.Count > ushort.MaxValue)
                {
                    throw new InvalidDataException($"the region database names more than {ushort.MaxValue} regions: Grid expects first-level subdivisions (DB-IP's state1).");
                }

                id = (ushort)_regions.Count;
                _regions.Add((key, country, iso is not null, []));
                _byCode[key] = id;
            }

            _regions[id].Names.Add(name);
            _ids[(countryText, name)] = id;
            return id;
        }
    }

    public RegionInfo?[] Build()
    {
        var regions = new RegionInfo?[_regions.Count];
        for (var id = 1; id < regions.Length; id++)
        {
            var (code, country, iso, names) = _regions[id];
            var name = (iso ? naming?.IsoNameOf(code) : null) ?? names[0];
            regions[id] = new RegionInfo(code, country, name, iso, [.. names.Order(StringComparer.Ordinal)]);
        }

        return regions;
    }
}
