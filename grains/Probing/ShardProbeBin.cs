namespace Grid.Grains.Probing;

/// <summary>
/// One probe shard's part of one entity's bin: the entity's blocks in the shard by Trinocular state,
/// the bin's probes and answers there, and the mean RTT of each answering block. Absolute and keyed
/// by (<see cref="Shard"/>, <see cref="At"/>), so the entity sums the shards of a bin
/// (<see cref="ProbeBinAggregate.Sum"/>) and a repeated report replaces itself, never another shard's.
/// </summary>
/// <param name="Senders">Who observed the entity's blocks that were not up this bin (<see cref="ProbeSenders"/>); null when nobody did.</param>
/// <param name="RttsMs">The mean RTT of each answering block, so the entity's median is over all its blocks, not a median of medians.</param>
[GenerateSerializer, Alias("grid.ShardProbeBin"), Immutable]
public sealed record ShardProbeBin(
    [property: Id(0)] string Shard,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] int BlocksUp,
    [property: Id(3)] int BlocksDown,
    [property: Id(4)] int BlocksUnknown,
    [property: Id(5)] long Sent,
    [property: Id(6)] long Received,
    [property: Id(7)] float[] RttsMs,
    [property: Id(8)] string[]? Senders = null);
