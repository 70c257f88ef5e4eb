using System.Collections.Frozen;
using Grid.Grains.Access;

namespace Grid.Silo.Api.Auth;

/// <summary>
/// This silo's copy of the keys made through <c>/v1/keys</c>, by SHA-256, so that checking a key
/// never calls a grain. <see cref="StoredKeyRefresh"/> fills it at start, after each change made
/// here, and whenever the keys grain's version moves (a change made on another silo).
/// </summary>
public sealed class StoredKeyCache
{
    private volatile Snapshot _snapshot = new(-1, FrozenDictionary<string, ApiKey>.Empty);

    public long Version => _snapshot.Version;

    public ApiKey? Find(string sha256Hex) => _snapshot.Keys.GetValueOrDefault(sha256Hex);

    public void Replace(long version, IEnumerable<StoredApiKey> keys) =>
        _snapshot = new Snapshot(version, keys.ToFrozenDictionary(k => k.Hash, k => new ApiKey(k.Id, k.Name, k.Scopes, FromConfiguration: false), StringComparer.Ordinal));

    private sealed record Snapshot(long Version, FrozenDictionary<string, ApiKey> Keys);
}
