using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Api.Auth;

/// <summary>The configured keys, by hash: a presented key is hashed and compared in constant time.</summary>
public sealed class ApiKeys(IOptions<ApiKeyOptions> options)
{
    private readonly (byte[] Hash, ApiKeyEntry Entry)[] _keys = [.. options.Value.Keys
        .Where(k => k.Hash.Length == 64)
        .Select(k => (Convert.FromHexString(k.Hash), k))];

    /// <summary>The configured key matching <paramref name="key"/>, or null when none does.</summary>
    public ApiKeyEntry? Find(string key)
    {
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        ApiKeyEntry? found = null;
        foreach (var (hash, entry) in _keys)
        {
            // Every configured key is compared, so timing tells nothing about which one matched.
            if (CryptographicOperations.FixedTimeEquals(hash, presented))
            {
                found = entry;
            }
        }

        return found;
    }
}
