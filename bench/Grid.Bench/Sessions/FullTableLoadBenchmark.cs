using System.Diagnostics;
using System.Globalization;
using System.Net;
using Grid.Testing.Lab;
using Grid.Testing.Silo;

namespace Grid.Bench.Sessions;

/// <summary>
/// A full table over a live session (issue 4): the country speaker (BIRD) originates a transit
/// table spread over the whole IPv4 space, a relay (BIRD) takes it all in, and only then does a
/// downstream session come up (`birdc enable` at the relay, once the downstream has started): first
/// Grid (a real silo, the peer a full feed), then, once the silo has stopped, a BIRD collector as
/// the reference. Each is timed from its
/// session's Established to holding the whole table: Grid's <c>/v1/peers</c> prefixes (what the
/// shards count), the collector's imported routes.
/// </summary>
internal static class FullTableLoadBenchmark
{
    private static readonly IPAddress CollectorAddress = IPAddress.Parse("127.0.0.101");
    private const uint CollectorAsn = 65501;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromMinutes(10);

    public static async Task<FullTableLoad> RunAsync(CountryPrefixSet table, TextWriter progress)
    {
        await using var lab = await BgpLab.CreateAsync();
        var relayAddress = lab.NextAddress();
        var relayAsn = BgpLab.DefaultAsn(BgpDaemon.Bird);
        var relay = (BirdRouter)await lab.StartRouterAsync(BgpDaemon.Bird, new LabRouterOptions(relayAddress, relayAsn,
        [
            new BgpNeighbor(BgpLab.SpeakerAddress, BgpLab.SpeakerAsn) { Passive = true },
            LabSilo.Neighbor with { Export = true },
            new BgpNeighbor(CollectorAddress, CollectorAsn) { Export = true },
        ]), "relay");
        // Downstream sessions come up only once the relay holds the table and the downstream has
        // started: `birdc enable` then connects at once (connect delay 0).
        await relay.BirdcAsync("disable", relay.ProtocolFor(LabSilo.Address));
        await relay.BirdcAsync("disable", relay.ProtocolFor(CollectorAddress));
        var setup = Stopwatch.StartNew();
        await lab.StartCountrySpeakerAsync(table, relay);
        await relay.WaitForRoutesAsync(BgpLab.SpeakerAddress, RouteCounts.Of(table), LoadTimeout);
        progress.WriteLine($"full table: the relay holds {table.Description} after {setup.Elapsed.TotalSeconds:0.0} s; starting Grid");

        var (received, counted, gridPeak, gridPeriod) = await LoadIntoGridAsync(lab, relay, table.IPv4Count, progress);

        var collector = await lab.StartRouterAsync(BgpDaemon.Bird, new LabRouterOptions(
            CollectorAddress, CollectorAsn, [new BgpNeighbor(relayAddress, relayAsn) { Passive = true }]), "reference collector");
        await relay.BirdcAsync("enable", relay.ProtocolFor(CollectorAddress));
        var clock = Stopwatch.StartNew();
        var up = await Poll.UntilAsync(clock, async () => (await collector.SessionStateAsync(relayAddress)).Holds, TimeSpan.Zero, LoadTimeout, "the collector's session Established");
        var relayCpu = ThreadCpu.Of(relay.Process!.Id);
        var collectorCpu = ThreadCpu.Of(collector.Process!.Id);
        var first = await Poll.UntilAsync(clock, async () => (await collector.RoutesFromAsync(relayAddress)).IPv4 > 0, PollInterval, LoadTimeout, "the collector's first route");
        var full = await Poll.UntilAsync(clock, async () => (await collector.RoutesFromAsync(relayAddress)).IPv4 == table.IPv4Count, PollInterval, LoadTimeout, "the collector holding the table");
        var reference = full.Elapsed - up.Elapsed;
        var referencePeak = PeakResidentBytes(collector.Process!.Id);
        progress.WriteLine($"full table: BIRD collector Established at {up.Elapsed.TotalSeconds:0.00} s, first route after {(first.Elapsed - up.Elapsed).TotalSeconds:0.00} s, table after {reference.TotalSeconds:0.00} s; peak RSS {referencePeak / 1048576.0:0} MiB");
        progress.WriteLine($"  CPU during the collector's load: collector {ThreadCpu.Of(collector.Process.Id).Minus(collectorCpu)}; relay {ThreadCpu.Of(relay.Process.Id).Minus(relayCpu)}");

        return new FullTableLoad(table.IPv4Count, received, counted, gridPeak, reference, referencePeak, gridPeriod, full.Period);
    }

    private static async Task<(TimeSpan Received, TimeSpan Counted, long PeakBytes, TimeSpan Period)> LoadIntoGridAsync(
        BgpLab lab, BirdRouter relay, int ipv4, TextWriter progress)
    {
        var relayAddress = relay.Address;
        await using var grid = await LabSilo.StartAsync(lab, [new LabSiloPeer(relayAddress, relay.Asn) { FullFeed = "true" }]);
        // The silo has started (it serves /healthz): its start-up is not part of the load.
        var relayCpu = ThreadCpu.Of(relay.Process!.Id);
        var siloCpu = ThreadCpu.Of(grid.Process.Id);
        await relay.BirdcAsync("enable", relay.ProtocolFor(LabSilo.Address));
        var clock = Stopwatch.StartNew();
        DateTimeOffset? establishedAt = null;
        DateTimeOffset? firstRouteAt = null;
        DateTimeOffset? receivedAt = null;
        var counted = await Poll.UntilAsync(clock, async () =>
        {
            // Just after the silo started its BGP feed may not list the peer yet: not counted yet.
            if (await grid.FindPeerAsync(relayAddress) is not { } peer)
            {
                return false;
            }

            var now = DateTimeOffset.UtcNow;
            establishedAt ??= peer.GetProperty("state").GetString() == "Established" ? peer.GetProperty("establishedAt").GetDateTimeOffset() : null;
            var announced = peer.GetProperty("prefixesAnnounced").GetInt64();
            firstRouteAt ??= announced > 0 ? now : null;
            if (receivedAt is null && announced >= ipv4)
            {
                receivedAt = now;
            }
            return peer.GetProperty("prefixes").GetProperty("ipv4").GetInt64() == ipv4;
        }, PollInterval, LoadTimeout, $"Grid counting {ipv4} IPv4 prefixes from {relayAddress}");
        var countedAt = DateTimeOffset.UtcNow;
        var started = establishedAt ?? throw new InvalidOperationException("Grid counted the table without its session being seen Established.");
        var peak = PeakResidentBytes(grid.Process.Id);
        var siloUsed = ThreadCpu.Of(grid.Process.Id).Minus(siloCpu);
        var relayUsed = ThreadCpu.Of(relay.Process.Id).Minus(relayCpu);
        progress.WriteLine($"full table: Grid Established at {started:HH:mm:ss.fff}, first route seen after {(firstRouteAt!.Value - started).TotalSeconds:0.00} s, all announcements decoded after {(receivedAt!.Value - started).TotalSeconds:0.00} s, counted by the shards after {(countedAt - started).TotalSeconds:0.00} s; silo peak RSS {peak / 1048576.0:0} MiB");
        progress.WriteLine($"  CPU during Grid's load: silo {siloUsed}; relay {relayUsed}");
        foreach (var line in grid.Process.Output.Where(line => line.Contains("BGP", StringComparison.Ordinal)).TakeLast(12))
        {
            progress.WriteLine("  silo: " + line);
        }
        return (receivedAt.Value - started, countedAt - started, peak, counted.Period);
    }

    /// <summary>VmHWM of /proc/PID/status: the most resident memory the process ever had.</summary>
    internal static long PeakResidentBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kib = line["VmHWM:".Length..].Trim().Split(' ')[0];
                return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
            }
        }
        return 0;
    }
}
