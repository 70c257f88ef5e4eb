using Grid.Bgp.Model;
using Grid.Geography;
using Grid.Geography.Regions;
using Grid.Grains.Entities;

namespace Grid.Grains.Visibility;

/// <summary>
/// A shard's visible space per entity: for each origin AS, the union of its visible prefixes here;
/// for each country, the union of the pieces of visible prefixes that geography places in it; for
/// each region, the union of the /24s (or /48s) of those country pieces that the region data
/// places in a region of that same country, so a country's regions never count space it does not.
/// Shards partition the address space, so an entity's visible space is exactly the sum over shards
/// of these unions, and the shard is the one owner of its part of every count.
/// Pieces are split with <see cref="Geography"/>, the geography the shard counted with: a withdrawal
/// leaves exactly where its announcement went, and a refresh (<see cref="Resplit"/>) moves every
/// visible prefix from the old split to the new one at once.
/// </summary>
public sealed class ShardEntitySpaces(int unitLength, IGeography geography)
{
    private readonly SpaceTable<uint> _ases = new(unitLength, EntityKey.As);
    private readonly SpaceTable<CountryCode> _countries = new(unitLength, EntityKey.Country);
    private readonly SpaceTable<string> _regions = new(unitLength, RegionKey, StringComparer.Ordinal);
    private readonly List<CountryBlock> _pieces = [];
    private readonly List<RegionBlock> _regionPieces = [];

    /// <summary>The geography every count here was split with.</summary>
    public IGeography Geography { get; private set; } = geography;

    public int AsCount => _ases.Count;

    public int CountryCount => _countries.Count;

    public int RegionCount => _regions.Count;

    /// <summary>A prefix became visible, originated by <paramref name="origin"/> (0: unknown).</summary>
    public void Show(Prefix prefix, uint origin)
    {
        if (origin != 0)
        {
            _ases.Touch(origin).Space.Add(prefix);
        }

        ShowPlaces(prefix, origin);
    }

    /// <summary>A visible prefix stopped being visible.</summary>
    public void Hide(Prefix prefix, uint origin)
    {
        if (origin != 0)
        {
            _ases.TouchExisting(origin)?.Space.Remove(prefix);
        }

        HidePlaces(prefix);
    }

    /// <summary>A visible prefix moved to another origin (or is MOAS): its space moves between ASes; its countries learn the origin.</summary>
    public void MoveOrigin(Prefix prefix, uint from, uint to)
    {
        if (from != 0)
        {
            _ases.TouchExisting(from)?.Space.Remove(prefix);
        }

        if (to != 0)
        {
            _ases.Touch(to).Space.Add(prefix);
            _pieces.Clear();
            Geography.Split(prefix, _pieces);
            foreach (var (_, country) in _pieces)
            {
                _countries.Touch(country).NoteOrigin(to);
            }
        }
    }

    /// <summary>
    /// Moves every visible prefix from the split of the geography it was counted with to the split
    /// of <paramref name="next"/>: countries and regions whose share changed are reported at the next flush.
    /// </summary>
    public void Resplit(IGeography next, IEnumerable<(Prefix Prefix, uint Origin)> visible)
    {
        var entries = visible.ToList();
        foreach (var (prefix, _) in entries)
        {
            HidePlaces(prefix);
        }

        Geography = next;
        foreach (var (prefix, origin) in entries)
        {
            ShowPlaces(prefix, origin);
        }
    }

    /// <summary>Drops every count (a new collector starts the table over); each entity that had one is reported at zero.</summary>
    public void Clear()
    {
        _ases.Clear();
        _countries.Clear();
        _regions.Clear();
    }

    /// <summary>Marks every entity with space here as changed: the next flush reports them all.</summary>
    public void MarkAllChanged()
    {
        _ases.MarkAllChanged();
        _countries.MarkAllChanged();
        _regions.MarkAllChanged();
    }

    public bool HasChanges => _ases.HasChanges || _countries.HasChanges || _regions.HasChanges;

    /// <summary>Marks an entity changed again: its last report did not arrive, so the next flush sends it anew.</summary>
    public void MarkChanged(EntityKey entity)
    {
        switch (entity.Kind)
        {
            case EntityKind.As:
                _ases.MarkChanged(entity.Asn);
                break;
            case EntityKind.Region:
                _regions.MarkChanged(entity.Code);
                break;
            default:
                _countries.MarkChanged(entity.CountryCode);
                break;
        }
    }

    /// <summary>The entities changed since the last call, with their space here; entities left with nothing are forgotten after <see cref="ForgetEmpty"/>.</summary>
    public ShardChanges TakeChanged() => new(_ases.TakeChanged(), _countries.TakeChanged(), _regions.TakeChanged());

    /// <summary>
    /// Forgets the entities of a report just taken whose space here is empty: a country keeps the
    /// origins it was told in its own list. Only those are looked at, so a flush costs what changed.
    /// </summary>
    public void ForgetEmpty(ShardChanges reported)
    {
        ArgumentNullException.ThrowIfNull(reported);
        _ases.ForgetEmpty(reported.Ases);
        _countries.ForgetEmpty(reported.Countries);
        _regions.ForgetEmpty(reported.Regions);
    }

    /// <summary>The space here of any entity.</summary>
    public EntitySpace? Of(EntityKey entity) => entity.Kind switch
    {
        EntityKind.As => _ases.Of(entity.Asn),
        EntityKind.Region => _regions.Of(entity.Code),
        _ => _countries.Of(entity.CountryCode),
    };

    /// <summary>Whether <paramref name="prefix"/> (with its route's <paramref name="origin"/>) counts, or would count, toward <paramref name="entity"/>.</summary>
    public bool Touches(EntityKey entity, Prefix prefix, uint origin)
    {
        if (entity.Kind == EntityKind.As)
        {
            return origin == entity.Asn;
        }
        var pieces = new List<CountryBlock>();
        Geography.Split(prefix, pieces);
        foreach (var (piece, country) in pieces)
        {
            if (entity.Kind == EntityKind.Country && country == entity.CountryCode)
            {
                return true;
            }
            if (entity.Kind == EntityKind.Region && Geography.Regions is { } regions && entity.Code.StartsWith(country.ToString(), StringComparison.Ordinal))
            {
                var regionPieces = new List<RegionBlock>();
                regions.Split(piece, country, regionPieces);
                if (regionPieces.Exists(regionPiece => regionPiece.Region.Code == entity.Code))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static EntityKey RegionKey(string code) =>
        EntityKey.TryRegion(code, out var key) ? key : throw new ArgumentException($"'{code}' is not a region code such as MM-02.", nameof(code));

    /// <summary>Adds the pieces of <paramref name="prefix"/> to the countries and regions <see cref="Geography"/> places them in.</summary>
    private void ShowPlaces(Prefix prefix, uint origin)
    {
        _pieces.Clear();
        Geography.Split(prefix, _pieces);
        var regions = Geography.Regions;
        foreach (var (piece, country) in _pieces)
        {
            var space = _countries.Touch(country);
            space.Space.Add(piece);
            space.NoteOrigin(origin);
            if (regions is not null && !country.IsUnknown)
            {
                _regionPieces.Clear();
                regions.Split(piece, country, _regionPieces);
                foreach (var (regionPiece, region) in _regionPieces)
                {
                    _regions.Touch(region.Code).Space.Add(regionPiece);
                }
            }
        }
    }

    private void HidePlaces(Prefix prefix)
    {
        _pieces.Clear();
        Geography.Split(prefix, _pieces);
        var regions = Geography.Regions;
        foreach (var (piece, country) in _pieces)
        {
            _countries.TouchExisting(country)?.Space.Remove(piece);
            if (regions is not null && !country.IsUnknown)
            {
                _regionPieces.Clear();
                regions.Split(piece, country, _regionPieces);
                foreach (var (regionPiece, region) in _regionPieces)
                {
                    _regions.TouchExisting(region.Code)?.Space.Remove(regionPiece);
                }
            }
        }
    }
}
