namespace Grid.Grains.Visibility;

/// <summary>How many prefixes a section's peer gained (or lost) in the shard, per family.</summary>
[GenerateSerializer, Alias("grid.PeerPrefixDelta")]
public readonly record struct PeerPrefixDelta([property: Id(0)] int IPv4, [property: Id(1)] int IPv6);
