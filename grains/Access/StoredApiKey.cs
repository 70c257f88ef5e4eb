namespace Grid.Grains.Access;

/// <summary>A key made through the API: its id, name and scopes, and the SHA-256 of the key in lowercase hex.</summary>
public sealed record StoredApiKey(string Id, string Name, string[] Scopes, string Hash, DateTimeOffset CreatedAt);
