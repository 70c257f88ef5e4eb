namespace Grid.Silo.Api.Auth;

/// <summary>
/// API keys from configuration (<c>Grid:Auth:Keys:N:Name</c>, <c>:Hash</c>, <c>:Scopes</c>), until
/// key management arrives. Only the SHA-256 of each key is configured, so a leaked configuration
/// does not leak keys.
/// </summary>
public sealed class ApiKeyOptions
{
    public const string Section = "Grid:Auth";

    public List<ApiKeyEntry> Keys { get; set; } = [];
}

/// <summary>One key: a name for logs, the lowercase hex SHA-256 of the key, and its scopes.</summary>
public sealed class ApiKeyEntry
{
    public string Name { get; set; } = "";

    public string Hash { get; set; } = "";

    public string[] Scopes { get; set; } = [];
}
