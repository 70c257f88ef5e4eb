namespace Grid.Client.Model;

/// <summary>An API key as <c>GET /v1/keys</c> lists it: never the key itself.</summary>
public sealed record ApiKey(string Id, string? Name, string[] Scopes, DateTimeOffset? CreatedAt = null);

/// <summary>The body of <c>POST /v1/keys</c>.</summary>
public sealed record NewApiKey(string Name, string[] Scopes);

/// <summary>What <c>POST /v1/keys</c> returns: the plaintext key, this once.</summary>
public sealed record CreatedApiKey(string Id, string? Name, string[] Scopes, string Key, DateTimeOffset? CreatedAt = null);
