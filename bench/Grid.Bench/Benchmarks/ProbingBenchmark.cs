using System.Diagnostics;
using Grid.Bench.References;
using Grid.Geography;
using Grid.Silo.Feeds.Probing;

namespace Grid.Bench.Benchmarks;

/// <summary>
/// The prober with its rate cap lifted, against loopback: 65,280 /24 blocks (127.1.0.1 … 127.255.255.1,
/// which the kernel answers itself), rounds back to back, next to a bare raw-socket echo loop over
/// the same addresses. Reports probes/s and CPU per 10k probes/s (process CPU, kernel time included).
/// Raw sockets need root: without it the benchmark says so and is left out. Each wave's outcomes go
/// to the probe shard grain of 127.0.0.0/8 in the bench's silo, as in the product (one grain call
/// per shard per wave), and its beliefs decide the next wave.
/// </summary>
public static class ProbingBenchmark
{
    public static async Task<Measurement[]> RunAsync(IGrainFactory grains, int blocks, TimeSpan duration)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Console.Error.WriteLine("probing benchmark skipped: raw ICMP sockets need root (or CAP_NET_RAW)");
            return [];
        }

        var targets = Enumerable.Range(0, blocks).Select(i => 0x7F000001u + ((uint)(i + 256) << 8)).ToList();
        var reference = BareEchoLoop.Run(targets, duration);

        var plan = new ProbeTargets();
        plan.Add([.. targets.Select(t => new HitlistEntry(t, CountryCode.Unknown, 0))]);
        using var prober = new Prober(plan, new ProbeShardRouter(grains).ObserveAsync, IcmpSocket.TryOpen(out var problem) ?? throw new InvalidOperationException(problem), new ProbePacer(0), TimeSpan.FromSeconds(1));
        await prober.RunRoundAsync(CancellationToken.None); // warm-up: JIT, and every block's belief settles
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long probes = 0, replies = 0;
        while (clock.Elapsed < duration)
        {
            var round = await prober.RunRoundAsync(CancellationToken.None);
            probes += round.Probes;
            replies += round.Replies;
        }

        var elapsed = clock.Elapsed;
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.Error.WriteLine($"prober: {probes:N0} probes, {replies:N0} replies in {elapsed.TotalSeconds:0.0} s; bare loop: {reference.Sent:N0} sent, {reference.Replies:N0} replies in {reference.Elapsed.TotalSeconds:0.0} s");
        return
        [
            new Measurement($"ICMP probes, cap lifted, {blocks:N0} loopback /24s ({(double)replies / probes:P0} answered vs {(double)reference.Replies / reference.Sent:P0})",
                "probes/s", probes / elapsed.TotalSeconds, "bare raw-socket echo loop", reference.Sent / reference.Elapsed.TotalSeconds),
            new Measurement("CPU per 10k probes/s (lower is better)", "ms CPU/s",
                CpuPer10k(used, probes), "bare raw-socket echo loop", CpuPer10k(reference.Cpu, reference.Sent)),
        ];
    }

    /// <summary>CPU milliseconds per second spent at a sustained 10,000 probes/s: 1000 would be one whole core.</summary>
    private static double CpuPer10k(TimeSpan cpu, long probes) => cpu.TotalMilliseconds / probes * 10_000;
}
