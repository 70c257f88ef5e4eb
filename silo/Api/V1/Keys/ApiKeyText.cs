using System.Security.Cryptography;

namespace Grid.Silo.Api.V1.Keys;

/// <summary>
/// New keys: <c>grid_</c> and 40 base62 characters from the system's CSPRNG (about 238 bits), so
/// they are recognizable in a secret scanner and need no escaping in a header or a shell.
/// </summary>
internal static class ApiKeyText
{
    public const string Prefix = "grid_";
    private const int Length = 40;
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string New() => Prefix + new string(RandomNumberGenerator.GetItems<char>(Base62, Length));
}
