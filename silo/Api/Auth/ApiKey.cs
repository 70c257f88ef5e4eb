namespace Grid.Silo.Api.Auth;

/// <summary>
/// A known key as requests see it: an id (for rate-limit partitions and <c>DELETE /v1/keys/{id}</c>),
/// a name for logs and errors, and its scopes. Never the key or its hash.
/// </summary>
public sealed record ApiKey(string Id, string? Name, IReadOnlyList<string> Scopes, bool FromConfiguration);
