using Grid.Bgp.Model;
using Grid.Geography;
using Grid.Grains.Signals;

namespace Grid.Grains.Visibility;

/// <summary>
/// A shard's visible space per entity: for each origin AS, the union of its visible prefixes here;
/// for each country, the union of the pieces of visible prefixes that geography places in it.
/// Shards partition the address space, so an entity's visible space is exactly the sum over shards
/// of these unions, and the shard is the one owner of its part of every count.
/// Pieces are split with <see cref="Geography"/>, the geography the shard counted with: a withdrawal
/// leaves exactly where its announcement went, and a refresh (<see cref="Resplit"/>) moves every
/// visible prefix from the old split to the new one at once.
/// </summary>
public sealed class ShardEntitySpaces(int unitLength, IGeography geography)
{
    private readonly Dictionary<uint, EntitySpace> _ases = [];
    private readonly Dictionary<CountryCode, EntitySpace> _countries = [];
    private readonly HashSet<uint> _changedAses = [];
    private readonly HashSet<CountryCode> _changedCountries = [];
    private readonly List<CountryBlock> _pieces = [];

    /// <summary>The geography every count here was split with.</summary>
    public IGeography Geography { get; private set; } = geography;

    public int AsCount => _ases.Count;

    public int CountryCount => _countries.Count;

    /// <summary>A prefix became visible, originated by <paramref name="origin"/> (0: unknown).</summary>
    public void Show(Prefix prefix, uint origin)
    {
        if (origin != 0)
        {
            SpaceOf(_ases, _changedAses, origin).Space.Add(prefix);
        }

        ShowCountries(prefix, origin);
    }

    /// <summary>A visible prefix stopped being visible.</summary>
    public void Hide(Prefix prefix, uint origin)
    {
        if (origin != 0 && _ases.TryGetValue(origin, out var asSpace))
        {
            asSpace.Space.Remove(prefix);
            _changedAses.Add(origin);
        }

        HideCountries(prefix);
    }

    /// <summary>A visible prefix moved to another origin (or is MOAS): its space moves between ASes; its countries learn the origin.</summary>
    public void MoveOrigin(Prefix prefix, uint from, uint to)
    {
        if (from != 0 && _ases.TryGetValue(from, out var old))
        {
            old.Space.Remove(prefix);
            _changedAses.Add(from);
        }

        if (to != 0)
        {
            SpaceOf(_ases, _changedAses, to).Space.Add(prefix);
            _pieces.Clear();
            Geography.Split(prefix, _pieces);
            foreach (var (_, country) in _pieces)
            {
                SpaceOf(_countries, _changedCountries, country).NoteOrigin(to);
            }
        }
    }

    /// <summary>
    /// Moves every visible prefix from the split of the geography it was counted with to the split
    /// of <paramref name="next"/>: countries whose share changed are reported at the next flush.
    /// </summary>
    public void Resplit(IGeography next, IEnumerable<(Prefix Prefix, uint Origin)> visible)
    {
        var entries = visible.ToList();
        foreach (var (prefix, _) in entries)
        {
            HideCountries(prefix);
        }

        Geography = next;
        foreach (var (prefix, origin) in entries)
        {
            ShowCountries(prefix, origin);
        }
    }

    /// <summary>Drops every count (a new collector starts the table over); each entity that had one is reported at zero.</summary>
    public void Clear()
    {
        _changedAses.UnionWith(_ases.Keys);
        _changedCountries.UnionWith(_countries.Keys);
        foreach (var space in _ases.Values.Concat(_countries.Values))
        {
            space.Space = new VisibleSpace(unitLength);
        }
    }

    /// <summary>Marks every entity with space here as changed: the next flush reports them all.</summary>
    public void MarkAllChanged()
    {
        _changedAses.UnionWith(_ases.Keys);
        _changedCountries.UnionWith(_countries.Keys);
    }

    public bool HasChanges => _changedAses.Count + _changedCountries.Count > 0;

    /// <summary>Marks an AS changed again: its last report did not arrive, so the next flush sends it anew.</summary>
    public void MarkChanged(uint asn)
    {
        if (_ases.ContainsKey(asn))
        {
            _changedAses.Add(asn);
        }
    }

    /// <summary>Marks a country changed again: its last report did not arrive, so the next flush sends it anew.</summary>
    public void MarkChanged(CountryCode country)
    {
        if (_countries.ContainsKey(country))
        {
            _changedCountries.Add(country);
        }
    }

    /// <summary>The entities changed since the last call, with their space here; entities left with nothing are forgotten after this report.</summary>
    public (List<(uint Asn, EntitySpace Space)> Ases, List<(CountryCode Country, EntitySpace Space)> Countries) TakeChanged()
    {
        var ases = _changedAses.Select(asn => (asn, _ases[asn])).ToList();
        var countries = _changedCountries.Select(country => (country, _countries[country])).ToList();
        _changedAses.Clear();
        _changedCountries.Clear();
        return (ases, countries);
    }

    /// <summary>
    /// Forgets the entities of a report just taken whose space here is empty: a country keeps the
    /// origins it was told in its own list. Only those are looked at, so a flush costs what changed.
    /// </summary>
    public void ForgetEmpty(List<(uint Asn, EntitySpace Space)> ases, List<(CountryCode Country, EntitySpace Space)> countries)
    {
        foreach (var (asn, space) in ases)
        {
            if (space.Space.PrefixCount == 0 && !_changedAses.Contains(asn))
            {
                _ases.Remove(asn);
            }
        }

        foreach (var (country, space) in countries)
        {
            if (space.Space.PrefixCount == 0 && !_changedCountries.Contains(country))
            {
                _countries.Remove(country);
            }
        }
    }

    public EntitySpace? OfAs(uint asn) => _ases.GetValueOrDefault(asn);

    public EntitySpace? OfCountry(CountryCode country) => _countries.GetValueOrDefault(country);

    /// <summary>Adds the pieces of <paramref name="prefix"/> to the countries <see cref="Geography"/> places them in.</summary>
    private void ShowCountries(Prefix prefix, uint origin)
    {
        _pieces.Clear();
        Geography.Split(prefix, _pieces);
        foreach (var (piece, country) in _pieces)
        {
            var space = SpaceOf(_countries, _changedCountries, country);
            space.Space.Add(piece);
            space.NoteOrigin(origin);
        }
    }

    private void HideCountries(Prefix prefix)
    {
        _pieces.Clear();
        Geography.Split(prefix, _pieces);
        foreach (var (piece, country) in _pieces)
        {
            if (_countries.TryGetValue(country, out var space))
            {
                space.Space.Remove(piece);
                _changedCountries.Add(country);
            }
        }
    }

    private EntitySpace SpaceOf<TKey>(Dictionary<TKey, EntitySpace> spaces, HashSet<TKey> changed, TKey key)
        where TKey : notnull
    {
        if (!spaces.TryGetValue(key, out var space))
        {
            space = new EntitySpace(new VisibleSpace(unitLength));
            spaces.Add(key, space);
        }

        changed.Add(key);
        return space;
    }
}

/// <summary>One entity's visible space in one shard, and (for a country) the origin ASes seen in it.</summary>
public sealed class EntitySpace(VisibleSpace space)
{
    // Countries only: an AS's space has no origins to keep, and ASes are most of the spaces.
    private HashSet<uint>? _seen;
    private List<uint>? _origins;

    public VisibleSpace Space { get; set; } = space;

    /// <summary>Every origin AS seen for this country here, in the order first seen (grow-only, like the country's own list).</summary>
    public IReadOnlyList<uint> Origins => _origins ?? (IReadOnlyList<uint>)[];

    /// <summary>How many of <see cref="Origins"/> were already reported.</summary>
    public int OriginsReported { get; set; }

    public void NoteOrigin(uint origin)
    {
        if (origin != 0 && (_seen ??= []).Add(origin))
        {
            (_origins ??= []).Add(origin);
        }
    }
}
