using Grid.Silo.Feeds.Probing;

namespace Grid.Silo.Tests.Probing;

/// <summary>One round per bin: the prober starts a round just after the probe shards close a bin, whenever the last one began.</summary>
public sealed class ProbingRoundTimingTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(600);
    private static readonly DateTimeOffset Bin = new(2026, 12, 4, 15, 0, 0, TimeSpan.Zero);

    [Theory]
    // A round that began just after its bin opened, late in its bin, or a hair before the lead (a delay that woke early).
    [InlineData(30)]
    [InlineData(599)]
    [InlineData(29.999)]
    public void TheNextRoundStartsALeadAfterTheNextBinOpens(double secondsIntoBin)
    {
        var next = ProbingService.NextRoundStart(Bin.AddSeconds(secondsIntoBin), Interval);

        // A twentieth of the interval after the boundary, so the shards have closed the bin before it.
        Assert.Equal(Bin + Interval + TimeSpan.FromSeconds(30), next);
    }

    [Fact]
    public void ARoundThatOverranItsBinIsFollowedAtOnce()
    {
        var started = Bin.AddSeconds(30);
        var ended = Bin + Interval + TimeSpan.FromSeconds(45);

        Assert.True(ProbingService.NextRoundStart(started, Interval) <= ended);
    }
}
