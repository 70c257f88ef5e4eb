using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Api.Auth;

/// <summary>
/// The keys a request may present: the configured ones (<c>Grid:Auth:Keys</c>, the "first key"),
/// and those made through <c>/v1/keys</c> (<see cref="StoredKeyCache"/>). A presented key is hashed
/// with SHA-256 and compared with the hashes, never the other way round.
/// </summary>
public sealed class ApiKeys(IOptions<ApiKeyOptions> options, StoredKeyCache stored)
{
    private readonly (byte[] Hash, ApiKey Key)[] _configured = [.. options.Value.Keys
        .Select((k, i) => (Entry: k, Index: i))
        .Where(k => k.Entry.Hash.Length == 64)
        .Select(k => (Convert.FromHexString(k.Entry.Hash), new ApiKey($"config-{k.Index}", k.Entry.Name, k.Entry.Scopes, FromConfiguration: true)))];

    /// <summary>The key matching <paramref name="key"/>, or null when none does.</summary>
    public ApiKey? Find(string key)
    {
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        ApiKey? found = null;
        foreach (var (hash, entry) in _configured)
        {
            // Every configured key is compared, so timing tells nothing about which one matched.
            if (CryptographicOperations.FixedTimeEquals(hash, presented))
            {
                found = entry;
            }
        }

        // Stored keys are looked up by hash: timing can at most reveal a prefix of the presented
        // key's own SHA-256, which says nothing about any stored key (preimage resistance).
        return found ?? stored.Find(Convert.ToHexStringLower(presented));
    }
}
