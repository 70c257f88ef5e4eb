namespace Grid.Silo.Api.Auth;

/// <summary>
/// API keys; configuration section <c>Grid:Auth</c>. Only the SHA-256 of each key is configured
/// (<c>Grid:Auth:Keys:0:Hash</c>, hex), with its scopes (<c>Grid:Auth:Keys:0:Scopes:0=admin</c>)
/// and a name for logs, so configuration and logs never hold a usable key. Make a hash with
/// <c>printf %s "$KEY" | sha256sum</c>. A configured admin key is the first key: it makes the
/// others through <c>POST /v1/keys</c>.
/// </summary>
public sealed class ApiKeyOptions
{
    public const string Section = "Grid:Auth";

    public List<ApiKeyEntry> Keys { get; set; } = [];

    /// <summary>When true, read endpoints need a key with the <c>read</c> scope; by default they are open.</summary>
    public bool RequireKeyForReads { get; set; }
}

/// <summary>One configured key: its SHA-256 in hex, what it may do (<see cref="ApiScopes"/>), and a name for the log.</summary>
public sealed class ApiKeyEntry
{
    public string Hash { get; set; } = "";

    public List<string> Scopes { get; set; } = [];

    public string? Name { get; set; }
}
