using System.Text.Json.Serialization;

namespace Grid.Silo.Feeds.Live;

/// <summary>How many prefixes of each family a live peer holds now, as the prefix shards counted them.</summary>
public readonly record struct PeerTableSize(
    [property: JsonPropertyName("ipv4")] long IPv4Prefixes,
    [property: JsonPropertyName("ipv6")] long IPv6Prefixes);
