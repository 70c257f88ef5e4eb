using Grid.Testing.Data;
using Grid.Testing.Probing;
using Grid.Testing.Silo;
using Xunit.Abstractions;

namespace Grid.Silo.Tests.Probing;

/// <summary>
/// Throttling keeps blocks up but shows in RTT and loss: one country gets 50 ms of delay and 20%
/// loss, and the silo must report both for it, and neither for the other country.
/// </summary>
public sealed class ThrottlingProbingTests(ITestOutputHelper output)
{
    private static readonly string[] Countries = ["XA", "XB"];
    // Bins close on the clock: a bin holds one whole round only when the round fits in it. Under 20%
    // loss a round takes two or three 1 s waves, so 4 s (in production: 600 s bins, rounds of seconds).
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(4);

    [NeedsRootFact]
    public async Task DelayAndLossOnOneCountrysLinkShowInItsMedianRttAndLoss()
    {
        await using var lab = await ProbeLab.CreateAsync(Countries);
        using var directory = new TemporaryDirectory();
        var hitlist = lab.WriteHitlist(directory.PathOf("hitlist.txt"));
        await using var silo = await SiloProcess.StartAsync([], ProbingSilo.Settings(hitlist, Interval, TimeSpan.FromSeconds(1)), lab.Prober);
        await ProbingSilo.RoundsUntilAsync(silo, Countries, s => s["XA"].BlocksUp == 64 && s["XB"].BlocksUp == 64, maxRounds: 3);
        var clear = await ProbingSilo.SignalAsync(silo, "XB");
        // Veth RTTs are tens of microseconds; the bounds leave room for a loaded CI machine's scheduling.
        Assert.InRange(clear.MedianRttMs!.Value, 0, 20);

        var throttled = lab.Countries[1];
        DelayedEchoResponder? responder = null;
        var (netem, netemOutput) = await throttled.TryNetemAsync(delayMs: 50, lossPercent: 20);
        if (!netem)
        {
            // No sch_netem in this kernel: the same delay from a user-space responder, the same loss from nftables.
            output.WriteLine($"tc netem is not available here ({netemOutput}); using a delayed user-space echo responder and nftables drops instead");
            await throttled.SilenceKernelEchoAsync();
            responder = new DelayedEchoResponder(throttled.Namespace, TimeSpan.FromMilliseconds(50));
            await throttled.DropEchoRequestsAsync(percent: 20);
        }

        try
        {
            // Two whole rounds under throttling, then one bin read: loss over ~80 probes (σ ≈ 0.045), so a wide band.
            await ProbingSilo.WaitRoundsAsync(silo, 2, Interval, TimeSpan.FromSeconds(30));
            var slow = await ProbingSilo.SignalAsync(silo, "XB");
            var fast = await ProbingSilo.SignalAsync(silo, "XA");
            output.WriteLine($"two rounds later: throttled XB {slow}, untouched XA {fast}");

            Assert.InRange(slow.MedianRttMs!.Value, 48, 200);
            Assert.InRange(slow.Loss!.Value, 0.05, 0.40);
            Assert.InRange(slow.BlocksUp, 58, 64);
            Assert.InRange(fast.MedianRttMs!.Value, 0, 20);
            Assert.InRange(fast.Loss!.Value, 0, 0.02);
            Assert.Equal(64, fast.BlocksUp);
        }
        finally
        {
            if (responder is not null)
            {
                await responder.DisposeAsync();
            }
        }
    }
}
