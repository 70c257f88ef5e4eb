namespace Grid.Silo.Api.Auth;

/// <summary>
/// API keys; configuration section <c>Grid:Auth</c>. Only the SHA-256 of each key is configured
/// (<c>Grid:Auth:Keys:0:Hash</c>, hex), with its scopes (<c>Grid:Auth:Keys:0:Scopes:0=ingest</c>)
/// and a name for logs, so configuration and logs never hold a usable key. Make a hash with
/// <c>printf %s "$KEY" | sha256sum</c>. Key management through the API comes with the API issue.
/// </summary>
public sealed class ApiKeyOptions
{
    public const string Section = "Grid:Auth";

    public List<ApiKeyEntry> Keys { get; set; } = [];
}

/// <summary>One configured key: its SHA-256 in hex, what it may do (<see cref="ApiScopes"/>), and a name for the log.</summary>
public sealed class ApiKeyEntry
{
    public string Hash { get; set; } = "";

    public List<string> Scopes { get; set; } = [];

    public string? Name { get; set; }
}
