namespace Grid.Grains.Visibility;

/// <summary>
/// One shard's absolute count for one entity: the /24s (IPv4 shards) or /48s (IPv6 shards) of the
/// entity's space that are visible in this shard, under the shard's version. Absolute, so applying
/// it twice, late or to a fresh activation gives the same sum; the entity keeps the newest
/// (<see cref="Epoch"/>, <see cref="Version"/>) per shard and sums them.
/// </summary>
/// <param name="Shard">The shard's key (<c>37.0.0.0/8</c>); its family is the family of the count.</param>
/// <param name="Epoch">The collector's epoch (the <c>routing</c> lease's fencing token; 0 outside any lease).</param>
/// <param name="Version">Grows with every change the shard reports; a fresh activation starts above any earlier one.</param>
/// <param name="At">The event time of the shard's latest route: signals are recorded at event time.</param>
/// <param name="Blocks">Distinct visible unit blocks of the entity in this shard.</param>
/// <param name="Prefixes">Visible prefixes (pieces) of the entity in this shard.</param>
/// <param name="Loaded">False while the shard's feed is still loading its initial table: the count is partial, so the entity keeps its previous one.</param>
/// <param name="Origins">For a country: the origin ASes of its visible space in this shard.</param>
[GenerateSerializer, Alias("grid.ShardVisibility"), Immutable]
public sealed record ShardVisibility(
    [property: Id(0)] string Shard,
    [property: Id(1)] long Epoch,
    [property: Id(2)] long Version,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] long Blocks,
    [property: Id(5)] int Prefixes,
    [property: Id(6)] bool Loaded,
    [property: Id(7)] uint[] Origins)
{
    public bool IsIPv4 => !Shard.Contains(':', StringComparison.Ordinal);

    /// <summary>Whether this report is newer than <paramref name="other"/> from the same shard.</summary>
    public bool IsNewerThan(ShardVisibility? other) => other is null || (Epoch, Version).CompareTo((other.Epoch, other.Version)) > 0;
}
