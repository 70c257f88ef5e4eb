using Grid.Grains.Entities;
using Grid.Grains.Signals;

namespace Grid.Grains.Visibility;

/// <summary>
/// One kind of entity's visible spaces in a shard (ASes by number, countries by code, regions by
/// code), and which changed since the last report. Every visible prefix touches two or three
/// spaces, a full table some two million times at its end: a changed space is marked by a flag on
/// it and listed once, rather than hashed into a set of changed keys on every touch.
/// </summary>
internal sealed class SpaceTable<TKey>(int unitLength, Func<TKey, EntityKey> entityOf, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly Dictionary<TKey, EntitySpace> _spaces = new(comparer);
    private List<(TKey Key, EntitySpace Space)> _changed = [];

    public int Count => _spaces.Count;

    public bool HasChanges => _changed.Count > 0;

    /// <summary>The entity's space, made on first use; the entity is marked changed.</summary>
    public EntitySpace Touch(TKey key)
    {
        if (!_spaces.TryGetValue(key, out var space))
        {
            space = new EntitySpace(entityOf(key), new VisibleSpace(unitLength));
            _spaces.Add(key, space);
        }

        Mark(key, space);
        return space;
    }

    /// <summary>The entity's space if it has one, marked changed.</summary>
    public EntitySpace? TouchExisting(TKey key)
    {
        if (!_spaces.TryGetValue(key, out var space))
        {
            return null;
        }

        Mark(key, space);
        return space;
    }

    public EntitySpace? Of(TKey key) => _spaces.GetValueOrDefault(key);

    /// <summary>Marks an entity changed again (its last report did not arrive).</summary>
    public void MarkChanged(TKey key)
    {
        if (_spaces.TryGetValue(key, out var space))
        {
            Mark(key, space);
        }
    }

    public void MarkAllChanged()
    {
        foreach (var (key, space) in _spaces)
        {
            Mark(key, space);
        }
    }

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
        var changed = _changed;
        _changed = [];
        foreach (var (_, space) in changed)
        {
            space.Changed = false;
        }

        return changed;
    }

    /// <summary>Forgets the entities of a report just taken whose space here is empty: a flush costs what changed.</summary>
    public void ForgetEmpty(List<(TKey Key, EntitySpace Space)> reported)
    {
        foreach (var (key, space) in reported)
        {
            if (space.Space.PrefixCount == 0 && !space.Changed)
            {
                _spaces.Remove(key);
            }
        }
    }

    private void Mark(TKey key, EntitySpace space)
    {
        if (!space.Changed)
        {
            space.Changed = true;
            _changed.Add((key, space));
        }
    }
}
