using Grid.Grains.Entities;
using Grid.Grains.Signals;

namespace Grid.Grains.Visibility;

/// <summary>One entity's visible space in one shard, and (for a country) the origin ASes seen in it.</summary>
public sealed class EntitySpace(EntityKey entity, VisibleSpace space)
{
    // Countries only: an AS's space has no origins to keep, and ASes are most of the spaces.
    private HashSet<uint>? _seen;
    private List<uint>? _origins;

    /// <summary>The entity this space counts for, made once: reports name it without formatting a key each time.</summary>
    public EntityKey Entity { get; } = entity;

    public VisibleSpace Space { get; set; } = space;

    /// <summary>Changed since the shard's last report (listed in its table's changes).</summary>
    public bool Changed { get; set; }

    /// <summary>Every origin AS seen for this country here, in the order first seen (grow-only, like the country's own list).</summary>
    public IReadOnlyList<uint> Origins => _origins ?? (IReadOnlyList<uint>)[];

    /// <summary>How many of <see cref="Origins"/> were already reported.</summary>
    public int OriginsReported { get; set; }

    /// <summary>The origins seen from position <paramref name="from"/> on (those not yet reported).</summary>
    public uint[] OriginsFrom(int from) =>
        _origins is null || from >= _origins.Count ? [] : System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_origins)[from..].ToArray();

    public void NoteOrigin(uint origin)
    {
        if (origin != 0 && (_seen ??= []).Add(origin))
        {
            (_origins ??= []).Add(origin);
        }
    }
}
