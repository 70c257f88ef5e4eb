using System.Collections.Concurrent;
using Grid.Grains.Entities;

namespace Grid.Silo.Api.Caching;

/// <summary>
/// The last status read of each entity held on this silo, with its JSON body, reused while the
/// entity's version on the silo's <see cref="EntityStatusBoard"/> stands: pollers of an unchanged
/// country cost no grain call and no serialization. An entity held elsewhere is always asked, and
/// an answer is kept only if no change came between the version read before the call and after it,
/// so a copy is never older than the grain. Bounded like <see cref="RecentEntityTags"/>: past
/// <see cref="Capacity"/> entities, new ones are read every time.
/// </summary>
public sealed class LocalStatusCache(EntityStatusBoard board)
{
    public const int Capacity = 4096;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async ValueTask<Entry> GetAsync(string key, IEntityGrain grain)
    {
        if (!board.TryGetVersion(key, out var before))
        {
            return new Entry(-1, await grain.Status());
        }

        if (_entries.TryGetValue(key, out var cached) && cached.Version == before)
        {
            return cached;
        }

        var entry = new Entry(before, await grain.Status());
        if (board.TryGetVersion(key, out var after) && after == before && (cached is not null || _entries.Count < Capacity))
        {
            _entries[key] = entry;
        }

        return entry;
    }

    /// <summary>A status read at a version, and its JSON body once someone asked for it.</summary>
    public sealed class Entry(long version, EntityStatus status)
    {
        private byte[]? _body;

        public long Version { get; } = version;

        public EntityStatus Status { get; } = status;

        /// <summary>The body, serialized on first use; a race serializes twice, to the same bytes.</summary>
        public byte[] Body(Func<EntityStatus, byte[]> serialize) => _body ??= serialize(Status);
    }
}
