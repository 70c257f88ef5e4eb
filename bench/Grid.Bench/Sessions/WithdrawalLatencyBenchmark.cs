using System.Diagnostics;
using System.Net;
using Grid.Testing.Lab;
using Grid.Testing.Silo;

namespace Grid.Bench.Sessions;

/// <summary>What the withdrawal benchmark measured, for Grid and for the BIRD stand-in in the same rounds.</summary>
internal sealed record WithdrawalLatency(LatencySamples Grid, LatencySamples StandIn, TimeSpan GridPollPeriod, TimeSpan StandInPollPeriod, CountryPrefixSet Set);

/// <summary>
/// A country shutdown seen from downstream (issue 4): the country speaker (BIRD) disables its
/// static protocols, the relay (BIRD) passes real WITHDRAWs on to two neighbors at once, Grid's
/// speaker in a real silo and a BIRD stand-in where Grid would be. Grid's latency is until
/// <c>/v1/countries/BY</c> shows 0 visible /24s and /48s; the stand-in's is until
/// <c>birdc show protocols all</c> shows 0 routes from the relay. Both are polled in every round
/// from the moment the first `birdc disable` is issued; each round re-announces the country and
/// waits until both hold it whole again.
/// </summary>
internal static class WithdrawalLatencyBenchmark
{
    private static readonly IPAddress StandInAddress = IPAddress.Parse("127.0.0.101");
    private const uint StandInAsn = 65501;
    private static readonly TimeSpan GridPollInterval = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(60);

    public static async Task<WithdrawalLatency> RunAsync(CountryPrefixSet set, int rounds, TextWriter progress)
    {
        await using var lab = await BgpLab.CreateAsync();
        var relayAddress = lab.NextAddress();
        var relayAsn = BgpLab.DefaultAsn(BgpDaemon.Bird);
        await using var grid = await LabSilo.StartAsync(lab, [new LabSiloPeer(relayAddress, relayAsn)]);
        var standIn = await lab.StartRouterAsync(BgpDaemon.Bird, new LabRouterOptions(
            StandInAddress, StandInAsn, [new BgpNeighbor(relayAddress, relayAsn) { Passive = true }]), "stand-in for Grid");
        var relay = await lab.StartRouterAsync(BgpDaemon.Bird, new LabRouterOptions(relayAddress, relayAsn,
        [
            new BgpNeighbor(BgpLab.SpeakerAddress, BgpLab.SpeakerAsn) { Passive = true },
            LabSilo.Neighbor with { Export = true },
            new BgpNeighbor(StandInAddress, StandInAsn) { Export = true },
        ]), "relay");
        var speaker = await lab.StartCountrySpeakerAsync(set, relay);
        var expected = LabSilo.Expected(set);
        var counts = RouteCounts.Of(set);
        await WaitUntilRestoredAsync(grid, standIn, relayAddress, expected, counts);

        var gridSamples = new List<TimeSpan>();
        var standInSamples = new List<TimeSpan>();
        var gridPeriods = new List<TimeSpan>();
        var standInPeriods = new List<TimeSpan>();
        // One round more than measured: the first warms the silo's code paths for withdrawals.
        for (var round = 0; round <= rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            var gridSaw = Poll.UntilAsync(clock, async () => await grid.CountryAsync() == (0, 0), GridPollInterval, Step, $"{LabSilo.Country} reaching 0 in Grid");
            // birdc through `ip netns exec` takes a few ms per call: poll back to back.
            var standInSaw = Poll.UntilAsync(clock, async () => await standIn.RoutesFromAsync(relayAddress) == new RouteCounts(0, 0), TimeSpan.Zero, Step, "the stand-in holding 0 routes");
            await speaker.WithdrawAsync(RouteFamilies.Both);
            var withdrawn = clock.Elapsed;
            var (gridResult, standInResult) = (await gridSaw, await standInSaw);
            progress.WriteLine($"withdrawal round {round}{(round == 0 ? " (warm-up)" : "")}: Grid {gridResult.Elapsed.TotalMilliseconds:0} ms, stand-in {standInResult.Elapsed.TotalMilliseconds:0} ms (both birdc disable done at {withdrawn.TotalMilliseconds:0} ms)");
            if (round > 0)
            {
                gridSamples.Add(gridResult.Elapsed);
                standInSamples.Add(standInResult.Elapsed);
                gridPeriods.Add(gridResult.Period);
                standInPeriods.Add(standInResult.Period);
            }
            await speaker.AnnounceAsync();
            await WaitUntilRestoredAsync(grid, standIn, relayAddress, expected, counts);
        }

        return new WithdrawalLatency(new LatencySamples(gridSamples), new LatencySamples(standInSamples),
            Mean(gridPeriods), Mean(standInPeriods), set);
    }

    private static async Task WaitUntilRestoredAsync(LabSilo grid, LabRouter standIn, IPAddress relay, (long, long) expected, RouteCounts counts)
    {
        await grid.WaitForCountryAsync(expected, Step);
        await grid.WaitForPeerAsync(relay, peer => peer.GetProperty("prefixes").GetProperty("ipv4").GetInt64() == counts.IPv4
            && peer.GetProperty("prefixes").GetProperty("ipv6").GetInt64() == counts.IPv6, counts.ToString(), Step);
        await standIn.WaitForRoutesAsync(relay, counts, Step);
    }

    private static TimeSpan Mean(List<TimeSpan> periods) => periods.Count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)periods.Average(p => p.Ticks));
}
