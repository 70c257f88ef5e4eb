using System.Collections.Concurrent;

namespace Grid.Grains.Hosting;

/// <summary>
/// The keys of the grains of each kind active on this silo (one instance per silo, from DI). A
/// grain exports its gauges from the silo that holds it, so a cluster never counts a series twice;
/// Orleans offers no cheap local listing, so the grains that export say when they come and go.
/// </summary>
public sealed class SiloActivations
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _byKind = new(StringComparer.Ordinal);

    public void Activated(string kind, string key) => _byKind.GetOrAdd(kind, _ => new(StringComparer.Ordinal))[key] = 0;

    public void Deactivated(string kind, string key)
    {
        if (_byKind.TryGetValue(kind, out var keys))
        {
            keys.TryRemove(key, out _);
        }
    }

    /// <summary>The keys of <paramref name="kind"/> active here now, sorted.</summary>
    public IReadOnlyList<string> ActiveKeys(string kind) =>
        _byKind.TryGetValue(kind, out var keys) ? [.. keys.Keys.Order(StringComparer.Ordinal)] : [];

    public int Count => _byKind.Values.Sum(k => k.Count);
}
