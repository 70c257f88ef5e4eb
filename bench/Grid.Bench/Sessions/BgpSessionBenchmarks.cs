using System.Globalization;
using Grid.Testing.Lab;

namespace Grid.Bench.Sessions;

/// <summary>
/// <c>--only bgp</c>: issue 4's session benchmarks with real daemons in a lab namespace (root,
/// bird2), each next to a BIRD reference in the same run. Prints a Markdown table of times and
/// time ratios (Grid / reference: below 1 means Grid is faster).
/// </summary>
internal static class BgpSessionBenchmarks
{
    public static readonly TimeSpan WithdrawalGoal = TimeSpan.FromSeconds(1);
    // Issue 15 (one owner for each count) tightened issue 4's 30 s.
    public static readonly TimeSpan LoadGoal = TimeSpan.FromSeconds(15);

    public static async Task RunAsync(bool quick, TextWriter progress)
    {
        var country = CountryPrefixSet.Country(ipv4: 2_000, ipv6: 200, seed: 4);
        var withdrawal = await WithdrawalLatencyBenchmark.RunAsync(country, rounds: quick ? 3 : 10, progress);
        var table = CountryPrefixSet.Transit(quick ? 100_000 : 1_000_000, 0);
        var load = await FullTableLoadBenchmark.RunAsync(table, progress);

        var g = withdrawal.Grid;
        var s = withdrawal.StandIn;
        var set = $"{country.IPv4Count:N0} IPv4 + {country.IPv6Count:N0} IPv6 routes";
        Console.WriteLine("| BGP session benchmark | Grid | reference | reference time | Grid / reference (time; above 1 = Grid slower) |");
        Console.WriteLine("|---|---|---|---|---|");
        Row($"country withdrawal to 0 visible, p50 of {g.Count} ({set})", g.P50, "BIRD stand-in, 0 routes", s.P50);
        Row($"country withdrawal to 0 visible, p95 of {g.Count}", g.P95, "BIRD stand-in, 0 routes", s.P95);
        Row($"full table {load.Routes / 1e6:0.0#}M IPv4 routes, Established to counted", load.GridCounted, "BIRD collector, all imported", load.Reference);
        Console.WriteLine();
        Console.WriteLine(Invariant($"Withdrawal: Grid p50 {Ms(g.P50)}, p95 {Ms(g.P95)} (goal ≤ {Ms(WithdrawalGoal)}: {Met(g.P95 <= WithdrawalGoal)}); stand-in p50 {Ms(s.P50)}, p95 {Ms(s.P95)}. Timed from the first `birdc disable`; Grid polled every {Ms(withdrawal.GridPollPeriod)} on average (GET /v1/countries/{Grid.Testing.Silo.LabSilo.Country}), the stand-in every {Ms(withdrawal.StandInPollPeriod)} (`birdc show protocols all`), 5 ms apart, in alternate rounds. Rounds: Grid {g}; stand-in {s}."));
        Console.WriteLine(Invariant($"Full table: Grid {load.GridCounted.TotalSeconds:0.0} s (goal ≤ {LoadGoal.TotalSeconds:0} s: {Met(load.GridCounted <= LoadGoal)}), of which the session had decoded every announcement after {load.GridReceived.TotalSeconds:0.0} s; BIRD collector {load.Reference.TotalSeconds:0.0} s. Peak RSS: silo {Mib(load.GridPeakBytes)}, BIRD collector {Mib(load.ReferencePeakBytes)}. Polled every {Ms(load.GridPollPeriod)} (Grid) and {Ms(load.ReferencePollPeriod)} (BIRD)."));
    }

    private static void Row(string name, TimeSpan grid, string reference, TimeSpan referenceTime) =>
        Console.WriteLine(Invariant($"| {name} | {Seconds(grid)} | {reference} | {Seconds(referenceTime)} | {grid / referenceTime:0.00} |"));

    private static string Seconds(TimeSpan t) => t < TimeSpan.FromSeconds(10) ? Ms(t) : Invariant($"{t.TotalSeconds:0.0} s");

    private static string Ms(TimeSpan t) => Invariant($"{t.TotalMilliseconds:0} ms");

    private static string Mib(long bytes) => Invariant($"{bytes / 1048576.0:0} MiB");

    private static string Met(bool met) => met ? "met" : "missed";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
