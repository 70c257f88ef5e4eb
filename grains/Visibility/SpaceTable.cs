using Grid.Grains.Signals;

namespace Grid.Grains.Visibility;

/// <summary>
/// One kind of entity's visible spaces in a shard (ASes by number, countries by code, regions by
/// code), and which changed since the last report.
/// </summary>
internal sealed class SpaceTable<TKey>(int unitLength, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly Dictionary<TKey, EntitySpace> _spaces = new(comparer);
    private readonly HashSet<TKey> _changed = new(comparer);

    public int Count => _spaces.Count;

    public bool HasChanges => _changed.Count > 0;

    /// <summary>The entity's space, made on first use; the entity is marked changed.</summary>
    public EntitySpace Touch(TKey key)
    {
        if (!_spaces.TryGetValue(key, out var space))
        {
            space = new EntitySpace(new VisibleSpace(unitLength));
            _spaces.Add(key, space);
        }

        _changed.Add(key);
        return space;
    }

    /// <summary>The entity's space if it has one, marked changed.</summary>
    public EntitySpace? TouchExisting(TKey key)
    {
        if (!_spaces.TryGetValue(key, out var space))
        {
            return null;
        }

        _changed.Add(key);
        return space;
    }

    public EntitySpace? Of(TKey key) => _spaces.GetValueOrDefault(key);

    /// <summary>Marks an entity changed again (its last report did not arrive).</summary>
    public void MarkChanged(TKey key)
    {
        if (_spaces.ContainsKey(key))
        {
            _changed.Add(key);
        }
    }

    public void MarkAllChanged() => _changed.UnionWith(_spaces.Keys);

    /// <summary>Empties every space; each entity that had one is reported at zero.</summary>
    public void Clear()
    {
        MarkAllChanged();
        foreach (var space in _spaces.Values)
        {
            space.Space = new VisibleSpace(unitLength);
        }
    }

    public List<(TKey Key, EntitySpace Space)> TakeChanged()
    {
        var changed = _changed.Select(key => (key, _spaces[key])).ToList();
        _changed.Clear();
        return changed;
    }

    /// <summary>Forgets the entities of a report just taken whose space here is empty: a flush costs what changed.</summary>
    public void ForgetEmpty(List<(TKey Key, EntitySpace Space)> reported)
    {
        foreach (var (key, space) in reported)
        {
            if (space.Space.PrefixCount == 0 && !_changed.Contains(key))
            {
                _spaces.Remove(key);
            }
        }
    }
}
