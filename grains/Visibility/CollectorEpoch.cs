namespace Grid.Grains.Visibility;

/// <summary>
/// The one place an epoch is composed and compared. An epoch is the <c>routing</c> lease's fencing
/// token (a new collector) in the high bits and a rebuild generation (the same collector re-emitting
/// its table for entities that lost theirs, <see cref="IVisibilityRebuildGrain"/>) in the low
/// <see cref="GenerationBits"/>, so plain <c>long</c> order is the lexicographic order of the pair.
/// Feeds only know the fencing token (generation 0); shards admit feed calls by the fencing part
/// alone and stamp their deltas with their full epoch.
/// </summary>
public static class CollectorEpoch
{
    public const int GenerationBits = 20;

    private const long GenerationMask = (1L << GenerationBits) - 1;

    /// <summary>The epoch of a collector's feeds: its fencing token, generation 0. Token 0 (no lease) stays 0.</summary>
    public static long Of(long fencingToken) => fencingToken << GenerationBits;

    public static long FencingOf(long epoch) => epoch >> GenerationBits;

    public static long GenerationOf(long epoch) => epoch & GenerationMask;

    /// <summary>The next rebuild generation of the same collector, or null when the generations are used up.</summary>
    public static long? NextGeneration(long epoch) => GenerationOf(epoch) == GenerationMask ? null : epoch + 1;

    /// <summary>How a feed call's epoch compares with a shard's, by collector only: negative older, 0 same collector, positive newer.</summary>
    public static int CompareCollector(long incoming, long current) => FencingOf(incoming).CompareTo(FencingOf(current));
}
