using System.Diagnostics;
using Grid.Bgp.Model;
using Grid.Grains.Visibility;

namespace Grid.Bench.Benchmarks;

/// <summary>
/// Loads full tables from several peers into the prefix shards through the real ingest, shards and
/// entity grains (with IODA's default full-feed thresholds), and measures time and memory. The
/// reference is the same elements into one plain dictionary of per-prefix peer bitmasks: the floor
/// for "who sees what", with no visibility, entities or batching.
/// </summary>
internal static class ShardLoadBenchmark
{
    public static async Task<(Measurement Rate, double Seconds, double ReferenceSeconds, long PeakBytes)> RunAsync(IGrainFactory grains, VisibilityCourier courier, SyntheticTable table, int peers)
    {
        var at = new DateTimeOffset(2021, 2, 1, 0, 0, 0, TimeSpan.Zero);
        var reference = Stopwatch.StartNew();
        var bare = new Dictionary<Prefix, ulong>(table.Count);
        for (var peer = 0; peer < peers; peer++)
        {
            foreach (var element in table.Announcements(peer, at))
            {
                bare[element.Prefix] = bare.GetValueOrDefault(element.Prefix) | (1UL << peer);
            }
        }

        reference.Stop();
        bare = null;
        GC.Collect();

        var ingest = new RouteIngest(grains, new VisibilityOptions(), "bench");
        var clock = Stopwatch.StartNew();
        for (var peer = 0; peer < peers; peer++)
        {
            foreach (var element in table.Announcements(peer, at))
            {
                await ingest.AddAsync(element);
            }

            var endOfTable = clock.Elapsed;
            await ingest.FlushAsync(endOfTable: true);
            Console.Error.WriteLine($"  peer {peer + 1}/{peers}: {clock.Elapsed.TotalSeconds:0.0} s ({(clock.Elapsed - endOfTable).TotalSeconds:0.00} s of it at the end of the table); shards' reports to entities so far {courier.Counts.Reports:N0} in {courier.Counts.Calls:N0} calls");
        }

        clock.Stop();
        var elements = (double)table.Count * peers;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        var rate = new Measurement(
            $"load {table.Count / 1e6:0.0}M routes × {peers} peers into shards and entities",
            "routes/s",
            elements / clock.Elapsed.TotalSeconds,
            "plain Dictionary<Prefix, peer bitmask>",
            elements / reference.Elapsed.TotalSeconds);
        return (rate, clock.Elapsed.TotalSeconds, reference.Elapsed.TotalSeconds, peak);
    }
}
