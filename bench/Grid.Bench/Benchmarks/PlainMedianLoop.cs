using Grid.Grains.Backtesting;
using Grid.Grains.Entities;

namespace Grid.Bench.Benchmarks;

/// <summary>
/// The backtest benchmark's reference: the medians detection needs, with nothing else. The same
/// points are grouped by entity and put in time order, then each entity's values are walked with a
/// sliding window kept sorted (binary search, one shift in and one out), and the window's median is
/// taken before each value enters it, as a detector takes its baseline before the step joins its
/// history. Unlike detection, outliers are not kept out. Entities run side by side, as in
/// <see cref="Backtest"/>. The medians are summed, so the JIT cannot drop them.
/// </summary>
internal static class PlainMedianLoop
{
    public static double Run(IReadOnlyList<SeriesPoint> points, int window)
    {
        var byEntity = new Dictionary<EntityKey, List<(long Ticks, long Value)>>();
        foreach (var point in points)
        {
            if (!byEntity.TryGetValue(point.Entity, out var series))
            {
                byEntity[point.Entity] = series = [];
            }

            series.Add((point.At.UtcTicks, point.Value));
        }

        var entities = byEntity.Values.ToArray();
        var sums = new double[entities.Length];
        Parallel.For(0, entities.Length, i => sums[i] = Medians(entities[i], window));
        return sums.Sum();
    }

    private static double Medians(List<(long Ticks, long Value)> series, int window)
    {
        series.Sort((a, b) => a.Ticks.CompareTo(b.Ticks));
        var sorted = new long[window];
        var arrived = new long[window];
        var count = 0;
        var sum = 0.0;
        for (var i = 0; i < series.Count; i++)
        {
            if (count > 0)
            {
                sum += count % 2 == 1 ? sorted[count / 2] : (sorted[(count / 2) - 1] + sorted[count / 2]) / 2.0;
            }

            var value = series[i].Value;
            if (count == window)
            {
                var oldest = Array.BinarySearch(sorted, 0, count, arrived[i % window]);
                Array.Copy(sorted, oldest + 1, sorted, oldest, count - oldest - 1);
                count--;
            }

            var at = Array.BinarySearch(sorted, 0, count, value);
            at = at < 0 ? ~at : at;
            Array.Copy(sorted, at, sorted, at + 1, count - at);
            sorted[at] = value;
            arrived[i % window] = value;
            count++;
        }

        return sum;
    }
}
