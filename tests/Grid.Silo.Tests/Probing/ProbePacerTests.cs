using System.Diagnostics;
using Grid.Silo.Feeds.Probing;

namespace Grid.Silo.Tests.Probing;

public sealed class ProbePacerTests
{
    [Fact]
    public async Task TheCapHoldsOverASecondAllowingOnlyATenMillisecondBurst()
    {
        var pacer = new ProbePacer(ratePerSecond: 2000);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 2000; i++)
        {
            await pacer.WaitAsync(CancellationToken.None);
        }

        // 2000 probes at 2000/s: one second, less at most the 10 ms burst and a millisecond of slack.
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.985, 2.5);
    }

    [Fact]
    public async Task ARateOfZeroLiftsTheCap()
    {
        var pacer = new ProbePacer(ratePerSecond: 0);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 100_000; i++)
        {
            await pacer.WaitAsync(CancellationToken.None);
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"100k uncapped waits took {clock.Elapsed}");
    }
}
