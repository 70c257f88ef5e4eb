using System.Diagnostics;
using System.Globalization;
using Grid.Grains.Backtesting;
using Grid.Grains.Detection;
using Grid.Grains.Signals;

namespace Grid.Bench.Benchmarks;

/// <summary>
/// <c>--only backtest</c>: <see cref="Backtest"/> (what <c>grid backtest</c> runs) over a
/// <see cref="SyntheticYear"/> of hourly points for 249 countries and AS6697, judged like probes
/// (a 7-day median) on a one-hour step, which falls on every point and so judges as the default
/// minute would. The reference, in alternate rounds of the same run, is
/// <see cref="PlainMedianLoop"/>: the same sliding medians over the same points, and nothing else.
/// One warm-up round of each, then the median of the timed rounds.
/// </summary>
internal static class BacktestBenchmark
{
    /// <summary>The issue's goal: a year of hourly points for 250 entities backtests in 60 s.</summary>
    public static readonly TimeSpan Goal = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Step = TimeSpan.FromHours(1);

    public static async Task RunAsync(bool quick, TextWriter progress)
    {
        var entities = SyntheticYear.Watched();
        entities = quick ? [.. entities.Take(entities.Count / 10)] : entities;
        var rounds = quick ? 1 : 3;
        var clock = Stopwatch.StartNew();
        var year = new SyntheticYear(entities);
        var points = year.Points.Length;
        progress.WriteLine(Invariant($"backtest: {points:N0} hourly points of {entities.Count} entities, {year.Outages.Count:N0} outages injected, made in {clock.Elapsed.TotalSeconds:0.0} s"));

        var probes = SignalThresholds.Probes();
        var detection = new DetectionOptions();
        detection.Signals[SyntheticYear.Signal] = probes.Copy();
        var backtest = new Backtest(detection, new SignalOptions { Step = Step });
        var window = (int)(probes.History / Step);
        var gridSeconds = new List<double>();
        var plainSeconds = new List<double>();
        BacktestResult? result = null;
        for (var round = -1; round < rounds; round++)
        {
            clock.Restart();
            result = await backtest.RunAsync(year.Points, progress: new JudgedProgress(points, progress));
            var grid = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var checksum = PlainMedianLoop.Run(year.Points, window);
            var plain = clock.Elapsed.TotalSeconds;
            progress.WriteLine(Invariant($"backtest round {round + 1}{(round < 0 ? " (warm-up)" : "")}: Grid {grid:0.00} s ({points / grid:N0} points/s, {result.Events.Count:N0} events); plain median loop {plain:0.00} s ({points / plain:N0} points/s, checksum {checksum:0})"));
            if (round >= 0)
            {
                gridSeconds.Add(grid);
                plainSeconds.Add(plain);
            }
        }

        var g = Median(gridSeconds);
        var p = Median(plainSeconds);
        var score = BacktestScore.Compare(result!.Events, year.Outages)[^1];
        Console.WriteLine(Invariant($"| backtest: {points:N0} hourly points, {result.Entities} entities, {Step.TotalHours:0} h step (median of {rounds}) | Grid backtest | plain median loop | ratio |"));
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine(Invariant($"| seconds | {g:0.00} | {p:0.00} | {g / p:0.00} |"));
        Console.WriteLine(Invariant($"| points/s | {points / g:N0} | {points / p:N0} | {p / g:0.0000} |"));
        Console.WriteLine();
        Console.WriteLine(Invariant($"Backtest of a year × {result.Entities} entities: {g:0.0} s (goal ≤ {Goal.TotalSeconds:0} s: {(g <= Goal.TotalSeconds ? "met" : "missed")}); {g / p:0.0}× the plain loop."));
        Console.WriteLine(Invariant($"Injected outages found: {score.Detected:N0} of {score.Outages:N0}; {score.Events:N0} events, {score.Events - score.TrueEvents:N0} outside an injected outage; onset lag p50 {score.OnsetLagMedian?.TotalHours:0.#} h, p90 {score.OnsetLagP90?.TotalHours:0.#} h. {Environment.ProcessorCount} cores, .NET {Environment.Version}."));
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Says how far a round is every 10 s, on the thread that judged (entities report as they finish).</summary>
    private sealed class JudgedProgress(long total, TextWriter progress) : IProgress<long>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Lock _lock = new();
        private TimeSpan _last;

        public void Report(long value)
        {
            lock (_lock)
            {
                if (_clock.Elapsed - _last >= TimeSpan.FromSeconds(10))
                {
                    _last = _clock.Elapsed;
                    progress.WriteLine(Invariant($"  backtest: {value:N0} of {total:N0} points judged after {_last.TotalSeconds:0} s"));
                }
            }
        }
    }
}
