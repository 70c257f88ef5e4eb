namespace Grid.Grains.Access;

/// <summary>The stored API keys, and a version that every change increases (silos refresh their copies by it).</summary>
[GenerateSerializer, Alias("grid.ApiKeysState")]
public sealed class ApiKeysState
{
    [Id(0)]
    public List<StoredApiKey> Keys { get; set; } = [];

    [Id(1)]
    public long Version { get; set; }
}
