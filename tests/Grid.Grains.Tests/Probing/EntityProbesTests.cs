using Grid.Grains.Entities;
using Grid.Grains.Probing;

namespace Grid.Grains.Tests.Probing;

/// <summary>An entity's probe bin is the sum of its shards' parts: never one shard's part over another's.</summary>
public sealed class EntityProbesTests
{
    private static readonly DateTimeOffset Bin = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    private static ShardProbeBin Part(string shard, DateTimeOffset at, int up, long sent, long received, params float[] rtts) =>
        new(shard, at, up, 1, 0, sent, received, rtts);

    [Fact]
    public void TwoShardsPartsOfABinAddUp()
    {
        var probes = new EntityProbes();

        var first = probes.Apply(Part("10.0.0.0/8", Bin, 3, 6, 4, 10, 20, 40), out var newFirst);
        var both = probes.Apply(Part("62.0.0.0/8", Bin, 2, 4, 1, 30, 50), out var newSecond);

        Assert.Equal((3, 1), (first!.BlocksUp, first.BlocksDown));
        Assert.Equal(new ProbeBin(Bin, 5, 2, 0, 30, 0.5, 10), both);
        Assert.True(newFirst && newSecond);
        Assert.Equal(["10.0.0.0/8", "62.0.0.0/8"], probes.Shards.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ARepeatedPartReplacesOnlyItsOwnShardsPart()
    {
        var probes = new EntityProbes();
        probes.Apply(Part("10.0.0.0/8", Bin, 3, 6, 6), out _);
        probes.Apply(Part("62.0.0.0/8", Bin, 2, 4, 4), out _);

        var again = probes.Apply(Part("10.0.0.0/8", Bin, 1, 6, 2), out var isNew);

        Assert.False(isNew);
        Assert.Equal((3, 10L), (again!.BlocksUp, again.Probes));
    }

    [Fact]
    public void BinsAreSummedApartAndAPartOfABinOlderThanThoseKeptIsDropped()
    {
        var probes = new EntityProbes();
        for (var i = 0; i < EntityProbes.KeptBins; i++)
        {
            probes.Apply(Part("10.0.0.0/8", Bin + (Interval * i), 3, 3, 3), out _);
        }

        // A late part of the second bin still joins that bin alone.
        var late = probes.Apply(Part("62.0.0.0/8", Bin + Interval, 2, 2, 2), out _);
        Assert.Equal((Bin + Interval, 5), (late!.At, late.BlocksUp));

        // A newer bin pushes the oldest out: its late part would be a partial, and is not recorded.
        probes.Apply(Part("10.0.0.0/8", Bin + (Interval * EntityProbes.KeptBins), 3, 3, 3), out _);
        Assert.Null(probes.Apply(Part("62.0.0.0/8", Bin, 2, 2, 2), out _));
    }

    [Fact]
    public void TheSettledBinIsTheNewestWithEveryShardsPartAndNeverAHalfOfOne()
    {
        var probes = new EntityProbes();
        Assert.Null(probes.Settled);
        probes.Apply(Part("10.0.0.0/8", Bin, 3, 3, 3), out _);
        Assert.Equal((Bin, 3), (probes.Settled!.At, probes.Settled.BlocksUp));
        probes.Apply(Part("62.0.0.0/8", Bin, 2, 2, 2), out _);
        Assert.Equal((Bin, 5), (probes.Settled.At, probes.Settled.BlocksUp));

        // The next bin's first part: the bin before it, whole, is still what status shows.
        probes.Apply(Part("10.0.0.0/8", Bin + Interval, 3, 3, 3), out _);
        Assert.Equal((Bin, 5), (probes.Settled.At, probes.Settled.BlocksUp));
        probes.Apply(Part("62.0.0.0/8", Bin + Interval, 1, 2, 1), out _);
        Assert.Equal((Bin + Interval, 4), (probes.Settled.At, probes.Settled.BlocksUp));

        // A shard that stops reporting holds the newest bin back only while it is within the kept bins.
        for (var i = 2; i < 2 + EntityProbes.KeptBins; i++)
        {
            probes.Apply(Part("10.0.0.0/8", Bin + (Interval * i), 3, 3, 3), out _);
        }

        Assert.Equal((Bin + (Interval * (1 + EntityProbes.KeptBins)), 3), (probes.Settled.At, probes.Settled.BlocksUp));
    }

    [Fact]
    public void AfterAMoveEachShardsLatestPartCountsWhenNoBinIsWhole()
    {
        // An activation read its shards' last parts around a close: one has the new bin, one the old.
        var probes = new EntityProbes();
        probes.Apply(Part("62.0.0.0/8", Bin, 1, 1, 1), out _);
        probes.Apply(Part("10.0.0.0/8", Bin + Interval, 1, 1, 1), out _);

        Assert.Equal((Bin, 2), (probes.Settled!.At, probes.Settled.BlocksUp));
    }
}
