using System.Diagnostics;

namespace Grid.Bench.Benchmarks;

/// <summary>One benchmark's result: Grid and its reference, measured in the same run, as a ratio.</summary>
public sealed record Measurement(string Name, string Unit, double Grid, string ReferenceName, double Reference)
{
    public double Ratio => Grid / Reference;

    /// <summary>Runs <paramref name="round"/> (which returns operations done) several times and keeps the median rate.</summary>
    public static async Task<double> MedianRateAsync(Func<Task<long>> round, int rounds = 5)
    {
        await round(); // warm-up: JIT, thread pool growth
        var rates = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            var clock = Stopwatch.StartNew();
            var operations = await round();
            rates.Add(operations / clock.Elapsed.TotalSeconds);
        }

        rates.Sort();
        return rates[rates.Count / 2];
    }
}
