using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Api.Auth;

/// <summary>The configured keys, by hash: a presented key is hashed and compared in constant time.</summary>
public sealed class ApiKeys(IOptions<ApiKeyOptions> options)
{
    private readonly (byte[] Hash, HashSet<string> Scopes)[] _keys = [.. options.Value.Keys
        .Where(k => k.Hash.Length == 64)
        .Select(k => (Convert.FromHexString(k.Hash), new HashSet<string>(k.Scopes, StringComparer.OrdinalIgnoreCase)))];

    /// <summary>The scopes of <paramref name="key"/>, or null when no configured key matches.</summary>
    public IReadOnlySet<string>? ScopesOf(string key)
    {
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        IReadOnlySet<string>? found = null;
        foreach (var (hash, scopes) in _keys)
        {
            // Every configured key is compared, so timing tells nothing about which one matched.
            if (CryptographicOperations.FixedTimeEquals(hash, presented))
            {
                found = scopes;
            }
        }

        return found;
    }
}
