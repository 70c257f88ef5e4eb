using Grid.Grains.Entities;
using Grid.Grains.Geography;
using Grid.Grains.Probing;

namespace Grid.Grains.Tests.Probing;

public sealed class BlockTableTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly CountryCode By = CountryCode.Parse("BY");
    private static readonly CountryCode Mm = CountryCode.Parse("MM");

    [Fact]
    public void AddressesOfOneSlash24AreOneBlockProbedRoundRobin()
    {
        var table = new BlockTable();
        var row = table.Add(Address(10, 1, 2, 1), By, 6697, 0.8, target: true);
        Assert.Equal(row, table.Add(Address(10, 1, 2, 77), By, 6697, 0.8, target: true));
        table.Add(Address(10, 1, 3, 1), By, 6697, 0.8, target: true);
        Assert.Equal(row, table.Add(Address(10, 1, 2, 200), By, 6697, 0.8, target: true));

        Assert.Equal(2, table.Count);
        Assert.Equal(3, table.TargetCount(row));
        Assert.Equal([Address(10, 1, 2, 1), Address(10, 1, 2, 77), Address(10, 1, 2, 200), Address(10, 1, 2, 1)],
            Enumerable.Range(0, 4).Select(_ => table.NextTarget(row)));
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
            var row = table.Add(Address(10, 0, (byte)i, 1), By, 6697, 0.8, target: true);
            table.Observe(row, replied: true, rttMs: 10 << i);
        }

        var dark = table.Add(Address(10, 0, 9, 1), By, 25106, 0.8, target: true);
        for (var i = 0; i < 3; i++)
        {
            table.Observe(dark, replied: false);
        }

        table.Add(Address(20, 0, 0, 1), Mm, 0, 0.8, target: true);

        var bins = ProbeBinAggregate.Of(table, At);

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
    public void ABlockNobodyProbesForStaleBinsGoesBackToUnknown()
    {
        var table = new BlockTable();
        var row = table.Add(Address(10, 0, 0, 1), By, 0, 0.8, target: false);
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

    private static uint Address(byte a, byte b, byte c, byte d) => ((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | d;
}
