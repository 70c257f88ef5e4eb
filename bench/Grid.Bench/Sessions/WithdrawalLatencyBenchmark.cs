using System.Diagnostics;
using System.Net;
using Grid.Testing.Lab;
using Grid.Testing.Silo;

namespace Grid.Bench.Sessions;

/// <summary>
/// A country shutdown seen from downstream (issue 4): the country speaker (BIRD) disables its
/// static protocols, the relay (BIRD) passes real WITHDRAWs on to two neighbors at once, Grid's
/// speaker in a real silo and a BIRD stand-in where Grid would be. Grid's latency is until
/// <c>/v1/countries/BY</c> shows 0 visible /24s and /48s; the stand-in's is until
/// <c>birdc show protocols all</c> shows 0 routes from the relay. Each is polled every 5 ms from the
/// moment the first `birdc disable` is issued; each round re-announces the country and waits until
/// both hold it whole again.
/// </summary>
internal static class WithdrawalLatencyBenchmark
{
    private static readonly IPAddress StandInAddress = IPAddress.Parse("127.0.0.101");
    private const uint StandInAsn = 65501;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);
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
        // Grid and the stand-in are observed in alternate rounds, each alone: a birdc poll is a process
        // start, and polling both at once would load the two shared cores with one observer's polls
        // while the other is timed. The first two rounds warm the silo's and BIRD's paths and are not counted.
        for (var round = -2; round < 2 * rounds; round++)
        {
            var observingGrid = (round & 1) == 0;
            var clock = Stopwatch.StartNew();
            // When IPv4 alone reached 0, to see how the two families' withdrawals arrive.
            TimeSpan? ipv4Gone = null;
            var saw = observingGrid
                ? Poll.UntilAsync(clock, async () =>
                {
                    var seen = await grid.CountryAsync();
                    ipv4Gone ??= seen.Bgp == 0 ? clock.Elapsed : null;
                    return seen == (0, 0);
                }, PollInterval, Step, $"{LabSilo.Country} reaching 0 in Grid")
                : Poll.UntilAsync(clock, async () =>
                {
                    var seen = await standIn.RoutesFromAsync(relayAddress);
                    ipv4Gone ??= seen.IPv4 == 0 ? clock.Elapsed : null;
                    return seen == new RouteCounts(0, 0);
                }, PollInterval, Step, "the stand-in holding 0 routes");
            await speaker.WithdrawAsync(RouteFamilies.Both);
            var withdrawn = clock.Elapsed;
            var result = await saw;
            progress.WriteLine($"withdrawal round {round}{(round < 0 ? " (warm-up)" : "")}: {(observingGrid ? "Grid" : "stand-in")} at 0 after {result.Elapsed.TotalMilliseconds:0} ms, IPv4 alone after {ipv4Gone?.TotalMilliseconds:0} ms ({result.Polls} polls; both `birdc disable` done at {withdrawn.TotalMilliseconds:0} ms)");
            if (round >= 0)
            {
                (observingGrid ? gridSamples : standInSamples).Add(result.Elapsed);
                (observingGrid ? gridPeriods : standInPeriods).Add(result.Period);
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
