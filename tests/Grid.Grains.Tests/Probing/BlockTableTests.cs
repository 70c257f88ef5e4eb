using Grid.Grains.Entities;
using Grid.Geography;
using Grid.Grains.Probing;

namespace Grid.Grains.Tests.Probing;

public sealed class BlockTableTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly CountryCode By = CountryCode.Parse("BY");
    private static readonly CountryCode Mm = CountryCode.Parse("MM");

    [Fact]
    public void AddressesOfOneSlash24AreOneBlockThatKeepsItsFirstEntity()
    {
        var table = new BlockTable();
        var row = table.Add(Address(10, 1, 2, 1), By, 6697, 0.8);
        Assert.Equal(row, table.Add(Address(10, 1, 2, 77), Mm, 25106, 0.5));
        table.Add(Address(10, 1, 3, 1), By, 6697, 0.8);

        Assert.Equal(2, table.Count);
        Assert.Equal((By, 6697u, 0.8), (table.Country(row), table.Asn(row), Math.Round(table.Availability(row), 6)));
        Assert.Equal(row, table.Find(Address(10, 1, 2, 9)));
        Assert.Equal(-1, table.Find(Address(10, 1, 4, 1)));
    }

    [Fact]
    public void ABinGivesEachCountryAndAsItsBlocksUpMedianRttAndLoss()
    {
        var table = new BlockTable();
        // BY: three blocks up (RTTs 10, 20, 40 ms), one down after three silences. MM: one block, never probed.
        for (var i = 0; i < 3; i++)
        {
            var row = table.Add(Address(10, 0, (byte)i, 1), By, 6697, 0.8);
            table.Observe(row, replied: true, rttMs: 10 << i);
        }

        var dark = table.Add(Address(10, 0, 9, 1), By, 25106, 0.8);
        for (var i = 0; i < 3; i++)
        {
            table.Observe(dark, replied: false);
        }

        table.Add(Address(20, 0, 0, 1), Mm, 0, 0.8);

        var parts = ProbeBinAggregate.Of(table, "10.0.0.0/8", At);
        var bins = parts.ToDictionary(p => p.Key, p => ProbeBinAggregate.Sum(At, [p.Value]));

        Assert.Equal(("10.0.0.0/8", At), (parts["BY"].Shard, parts["BY"].At));
        var by = bins["BY"];
        Assert.Equal((3, 1, 0), (by.BlocksUp, by.BlocksDown, by.BlocksUnknown));
        Assert.Equal(20, by.MedianRttMs);
        Assert.Equal(0.5, by.Loss);
        Assert.Equal(6, by.Probes);
        Assert.Equal((3, 0, 20.0), (bins["AS6697"].BlocksUp, bins["AS6697"].BlocksDown, bins["AS6697"].MedianRttMs!.Value));
        Assert.Equal((0, 1, 1.0), (bins["AS25106"].BlocksUp, bins["AS25106"].BlocksDown, bins["AS25106"].Loss!.Value));
        Assert.Equal(new ProbeBin(At, 0, 0, 1, null, null, 0), bins["MM"]);
        Assert.False(bins.ContainsKey("AS0"));
    }

    [Fact]
    public void TheSumOfTwoShardsPartsIsTheBinOfAllTheirBlocks()
    {
        // The same five BY blocks in one table, and split over two shards' tables.
        var whole = new BlockTable();
        var first = new BlockTable();
        var second = new BlockTable();
        double[] rtts = [10, 20, 30, 40, 50];
        for (var i = 0; i < rtts.Length; i++)
        {
            var address = Address((byte)(i < 3 ? 10 : 62), 0, (byte)i, 1);
            foreach (var table in new[] { whole, i < 3 ? first : second })
            {
                var row = table.Add(address, By, 6697, 0.8);
                table.Observe(row, replied: true, rttMs: rtts[i]);
                table.Observe(row, replied: i % 2 == 0);
            }
        }

        var alone = ProbeBinAggregate.Sum(At, [ProbeBinAggregate.Of(whole, "all", At)["BY"]]);
        var summed = ProbeBinAggregate.Sum(At, [ProbeBinAggregate.Of(first, "10.0.0.0/8", At)["BY"], ProbeBinAggregate.Of(second, "62.0.0.0/8", At)["BY"]]);

        Assert.Equal(alone, summed);
        // The median is over all five blocks (30 ms), not a median of the shards' medians (20 and 45).
        Assert.Equal((5, 30.0, 10), (summed.BlocksUp, summed.MedianRttMs!.Value, summed.Probes));
    }

    [Fact]
    public void AResultOfSeveralProbesIsThatManyUpdatesAnswersFirst()
    {
        var table = new BlockTable();
        var one = table.Add(Address(10, 0, 0, 1), By, 0, 0.8);
        var other = table.Add(Address(10, 0, 1, 1), By, 0, 0.8);

        table.Observe(one, sent: 3, replied: 2, rttSumMs: 84, rttCount: 2);
        table.Observe(other, replied: true, rttMs: 40);
        table.Observe(other, replied: true, rttMs: 44);
        table.Observe(other, replied: false);

        Assert.Equal(table.Belief(other), table.Belief(one), 6);
        Assert.Equal((3, 2, 42.0), (table.BinCounts(one).Sent, table.BinCounts(one).Received, table.BinCounts(one).MeanRttMs!.Value));
    }

    [Fact]
    public void ASnapshotRestoresEveryBlocksEntityAndBeliefButNotTheBinsCounts()
    {
        var table = new BlockTable();
        var up = table.Add(Address(10, 0, 0, 1), By, 6697, 0.9);
        table.Observe(up, replied: true, rttMs: 5);
        var down = table.Add(Address(10, 0, 1, 1), Mm, 0, 0.8);
        for (var i = 0; i < 5; i++)
        {
            table.Observe(down, replied: false);
        }

        table.NextBin(staleBins: 3);

        var restored = BlockTable.Restore(table.Snapshot());

        Assert.Equal((2, 1), (restored.Count, restored.Bin));
        Assert.Equal((BlockState.Up, BlockState.Down), (restored.State(restored.Find(Address(10, 0, 0, 7))), restored.State(restored.Find(Address(10, 0, 1, 7)))));
        Assert.Equal((By, 6697u, table.Belief(up)), (restored.Country(0), restored.Asn(0), restored.Belief(0)));
        Assert.Equal((0, 0, null), restored.BinCounts(0));
        // Staleness runs on from the restored bin: unseen since bin 0, the up block is unknown at the close of bin 3.
        restored.NextBin(staleBins: 3);
        restored.NextBin(staleBins: 3);
        Assert.Equal(BlockState.Up, restored.State(0));
        restored.NextBin(staleBins: 3);
        Assert.Equal(BlockState.Unknown, restored.State(0));
    }

    [Fact]
    public void ABlockNobodyProbesForStaleBinsGoesBackToUnknown()
    {
        var table = new BlockTable();
        var row = table.Add(Address(10, 0, 0, 1), By, 0, 0.8);
        table.Observe(row, replied: true, rttMs: 5);
        Assert.Equal(BlockState.Up, table.State(row));

        // Closing the bin it was seen in, then one empty bin: still up.
        table.NextBin(staleBins: 2);
        table.NextBin(staleBins: 2);
        Assert.Equal(BlockState.Up, table.State(row));
        Assert.Equal((0, 0, null), table.BinCounts(row));

        // A second empty bin: nobody has seen it for two bins.
        table.NextBin(staleBins: 2);
        Assert.Equal(BlockState.Unknown, table.State(row));
    }

    /// <summary>
    /// A block first seen through a result that arrived after its bin ended is up by that result,
    /// not left at its prior (outside vantage points report late; a loaded silo applies late); a
    /// late result older than what was observed since changes nothing.
    /// </summary>
    [Fact]
    public void ALateResultMovesTheBeliefOnlyWhenNothingNewerWasSeen()
    {
        var table = new BlockTable();
        table.NextBin(staleBins: 1000);
        table.NextBin(staleBins: 1000);
        var row = table.Add(Address(10, 1, 2, 1), By, 6697, 0.8);
        Assert.Equal(BlockState.Unknown, table.State(row));

        table.Learn(row, table.Bin - 1, sent: 3, replied: 2);
        Assert.Equal(BlockState.Up, table.State(row));
        Assert.Equal((0, 0, null), table.BinCounts(row));

        table.Observe(row, sent: 6, replied: 0, rttSumMs: 0, rttCount: 0);
        var now = table.Belief(row);
        table.Learn(row, table.Bin - 1, sent: 3, replied: 3);
        Assert.Equal(now, table.Belief(row));
    }

    private static uint Address(byte a, byte b, byte c, byte d) => ((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | d;
}
