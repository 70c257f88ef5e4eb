using System.Collections.Concurrent;

namespace Grid.Grains.Entities;

/// <summary>
/// The entity grains active on this silo, each with a version that moves whenever a call or a
/// timer may have changed what its <c>Status()</c> says (one instance per silo, from DI). The API
/// answers a status poll for an entity held here from its last answer while the version stands,
/// without a grain call; an entity held by another silo never appears here, so it is always asked.
/// Versions come from one clock per silo, so an activation that follows another on the same silo
/// never reuses a version the API may have cached.
/// </summary>
public sealed class EntityStatusBoard
{
    private readonly ConcurrentDictionary<string, long> _versions = new(StringComparer.Ordinal);
    private long _clock;

    /// <summary>The grain <paramref name="key"/> (<c>BY</c>, <c>AS6697</c>) is active here, at a new version.</summary>
    public void Activated(string key) => _versions[key] = Interlocked.Increment(ref _clock);

    /// <summary>Something about <paramref name="key"/> may have changed; what was read of it before is stale.</summary>
    public void Changed(string key)
    {
        if (_versions.ContainsKey(key))
        {
            _versions[key] = Interlocked.Increment(ref _clock);
        }
    }

    public void Deactivated(string key) => _versions.TryRemove(key, out _);

    /// <summary>The version of <paramref name="key"/> when it is active on this silo.</summary>
    public bool TryGetVersion(string key, out long version) => _versions.TryGetValue(key, out version);
}
