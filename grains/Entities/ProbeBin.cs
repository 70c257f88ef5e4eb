namespace Grid.Grains.Entities;

/// <summary>
/// One probing bin of one entity, summed over its probe shards' parts (Probing.ShardProbeBin): the
/// entity's /24 blocks by Trinocular state, the median of its blocks' RTTs, and the share of probes
/// that got no answer. One call per entity per shard per bin, never one per probe.
/// </summary>
[GenerateSerializer, Alias("grid.ProbeBin")]
public sealed record ProbeBin(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] int BlocksUp,
    [property: Id(2)] int BlocksDown,
    [property: Id(3)] int BlocksUnknown,
    [property: Id(4)] double? MedianRttMs,
    [property: Id(5)] double? Loss,
    [property: Id(6)] long Probes,
    [property: Id(7)] string[]? Senders = null)
{
    /// <summary>The one outside key the bin's blocks that were not up rest on alone, or null (Probing.ProbeSenders).</summary>
    public string? SingleSender => Probing.ProbeSenders.SingleOutsideKey(Senders);
}
