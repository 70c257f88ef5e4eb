namespace Grid.Grains.Access;

/// <summary>A key made through the API: its id, name and scopes, and the SHA-256 of the key in lowercase hex.</summary>
[GenerateSerializer, Alias("grid.StoredApiKey")]
public sealed record StoredApiKey([property: Id(0)] string Id, [property: Id(1)] string Name, [property: Id(2)] string[] Scopes, [property: Id(3)] string Hash, [property: Id(4)] DateTimeOffset CreatedAt);
