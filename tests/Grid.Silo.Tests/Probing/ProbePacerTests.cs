using System.Diagnostics;
using Grid.Silo.Feeds.Probing;

namespace Grid.Silo.Tests.Probing;

public sealed class ProbePacerTests
{
    [Fact]
    public async Task TheCapHoldsOverASecondAllowingOnlyAFiftyMillisecondBurst()
    {
        var pacer = new ProbePacer(ratePerSecond: 2000);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 2000; i++)
        {
            await pacer.WaitAsync(CancellationToken.None);
        }

        // 2000 probes at 2000/s: one second, less at most the 50 ms burst and 2 ms of slack. The
        // upper bound only says the pacer keeps up; a loaded machine's late timers cost some rate.
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.945, 5);
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
