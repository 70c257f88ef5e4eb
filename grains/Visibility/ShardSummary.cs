namespace Grid.Grains.Visibility;

/// <summary>Counts for monitoring one shard.</summary>
[GenerateSerializer, Alias("grid.ShardSummary")]
public sealed record ShardSummary([property: Id(0)] string Shard, [property: Id(1)] int Prefixes, [property: Id(2)] int VisiblePrefixes, [property: Id(3)] int Peers, [property: Id(4)] long FullFeedVersion, [property: Id(5)] long Epoch = 0, [property: Id(6)] bool Loading = false, [property: Id(7)] int Ases = 0, [property: Id(8)] int Countries = 0);
