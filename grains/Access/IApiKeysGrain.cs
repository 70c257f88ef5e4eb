
namespace Grid.Grains.Access;

/// <summary>
/// The API keys made through <c>/v1/keys</c>, in one grain keyed <see cref="Key"/>. Only the
/// SHA-256 of each key is held, so grain state (PostgreSQL in a cluster) never holds a usable key.
/// </summary>
public interface IApiKeysGrain : IGrainWithStringKey
{
    public const string Key = "world";

    Task<StoredApiKey> Add(StoredApiKey key);

    Task<StoredApiKey[]> List();

    Task<bool> Remove(string id);

    /// <summary>Grows with every change, so a silo's key cache can tell it is behind.</summary>
    Task<long> Version();
}
