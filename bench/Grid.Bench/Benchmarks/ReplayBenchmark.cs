using System.Diagnostics;
using System.Globalization;
using Grid.Bgp.Mrt;
using Grid.Geography;
using Grid.Grains.Visibility;

namespace Grid.Bench.Benchmarks;

/// <summary>
/// <c>--only replay</c>: an MRT RIB replayed in process as the silo's MRT feed does (MrtReader's
/// route elements into a <see cref="RouteIngest"/>, flushed as an end of table), into the prefix
/// shards and the country and AS grains of an Orleans silo in this process (localhost clustering,
/// memory storage, real RIR geography). Each round gets a fresh silo, so every round loads an
/// empty table. The reference is <c>bgpdump -m FILE</c> (output discarded) on the same file, in
/// alternate rounds; both are reported in route elements per second (bgpdump's lines).
/// </summary>
internal static class ReplayBenchmark
{
    /// <summary>The issue's goal for RouteViews' 2002 RIB, in elements/s.</summary>
    public const double Goal = 24_600;

    /// <summary>2002's full tables held about 110k prefixes (the cluster benchmark uses the same threshold).</summary>
    public const int FullFeedIPv4Prefixes = 50_000;

    public static async Task<(Measurement Rate, long Elements, double Seconds)?> RunAsync(string file, IGeography geography, int rounds, TextWriter progress)
    {
        var bgpdump = MrtBenchmark.FindOnPath("bgpdump");
        if (bgpdump is null)
        {
            progress.WriteLine("replay benchmark skipped: bgpdump is not installed (apt-get install bgpdump)");
            return null;
        }

        var lines = await CountLinesAsync(bgpdump, file);
        var gridRates = new List<double>();
        var bareRates = new List<double>();
        long elements = 0;
        var seconds = new List<double>();
        // One warm-up round of each (JIT, page cache), then alternate rounds.
        for (var round = -1; round < rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            await MrtBenchmark.DiscardingAsync(bgpdump, file, "-m");
            var bare = lines / clock.Elapsed.TotalSeconds;
            var (count, took) = await ReplayOnceAsync(file, geography, progress);
            elements = count;
            progress.WriteLine(Invariant($"replay round {round + 1}{(round < 0 ? " (warm-up)" : "")}: Grid {count:N0} elements in {took.TotalSeconds:0.00} s ({count / took.TotalSeconds:N0}/s); bgpdump -m {lines:N0} lines at {bare:N0}/s"));
            if (round >= 0)
            {
                gridRates.Add(count / took.TotalSeconds);
                bareRates.Add(bare);
                seconds.Add(took.TotalSeconds);
            }
        }

        var rate = new Measurement($"MRT replay in process, {Path.GetFileName(file)} ({elements:N0} elements), into shards and entities (median of {rounds})",
            "elements/s", Median(gridRates), "bgpdump -m", Median(bareRates));
        return (rate, elements, Median(seconds));
    }

    /// <summary>A fresh in-process silo and one replay of <paramref name="file"/>, timed as the feed times itself.</summary>
    private static async Task<(long Elements, TimeSpan Took)> ReplayOnceAsync(string file, IGeography geography, TextWriter progress)
    {
        var visibility = new VisibilityOptions { FullFeedIPv4Prefixes = FullFeedIPv4Prefixes };
        await using var silo = await BenchSilo.StartAsync(geography, visibility);
        var ingest = new RouteIngest(silo.Grains, visibility, "bench");
        var report = Stopwatch.StartNew();
        var clock = Stopwatch.StartNew();
        using (var reader = MrtReader.Open(file))
        {
            foreach (var element in reader.RouteElements())
            {
                await ingest.AddAsync(element);
                if (report.Elapsed > TimeSpan.FromSeconds(5))
                {
                    progress.WriteLine(Invariant($"  replay: {ingest.Elements:N0} elements after {clock.Elapsed.TotalSeconds:0} s"));
                    report.Restart();
                }
            }
        }

        await ingest.FlushAsync(endOfTable: true);
        return (ingest.Elements, clock.Elapsed);
    }

    private static async Task<long> CountLinesAsync(string bgpdump, string file)
    {
        var start = new ProcessStartInfo(bgpdump) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-m");
        start.ArgumentList.Add(file);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        long lines = 0;
        while (await process.StandardOutput.ReadLineAsync() is not null)
        {
            lines++;
        }

        await process.WaitForExitAsync();
        await errors;
        return lines;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
