using System.Buffers;

namespace Grid.Grains.Detection;

/// <summary>
/// A signal's history window as runs of equal values, and its median (IODA's baseline). A quiet
/// signal is one run however long the window, so 24 h or 7 days cost the same.
/// </summary>
public static class SignalBaseline
{
    /// <summary>Adds the step that ends at <paramref name="end"/>, and drops what fell out of the window.</summary>
    public static void Add(List<BaselineRun> runs, DateTimeOffset end, TimeSpan step, long value, TimeSpan window)
    {
        var start = end - step;
        if (runs.Count > 0 && runs[^1] is var last && last.Value == value && last.End >= start)
        {
            runs[^1] = last with { End = end };
        }
        else
        {
            runs.Add(new BaselineRun(start, end, value));
        }

        var cutoff = end - window;
        runs.RemoveAll(r => r.End <= cutoff);
        if (runs.Count > 0 && runs[0].Start < cutoff)
        {
            runs[0] = runs[0] with { Start = cutoff };
        }
    }

    /// <summary>How much time the history covers (gaps left by outliers do not count).</summary>
    public static TimeSpan Span(List<BaselineRun> runs)
    {
        long ticks = 0;
        foreach (var run in runs)
        {
            ticks += (run.End - run.Start).Ticks;
        }

        return TimeSpan.FromTicks(ticks);
    }

    /// <summary>
    /// The time-weighted median of the history: the value held for half of its time. Null when empty.
    /// Every entity asks at every step (75k of them each minute, a backtest for every hour of a year),
    /// so the runs are sorted as two pooled arrays, not through LINQ: this was 65 % of a backtest.
    /// </summary>
    public static double? Median(List<BaselineRun> runs)
    {
        if (runs.Count == 0)
        {
            return null;
        }

        if (runs.Count == 1)
        {
            return runs[0].Value;
        }

        var values = ArrayPool<long>.Shared.Rent(runs.Count);
        var weights = ArrayPool<long>.Shared.Rent(runs.Count);
        try
        {
            long total = 0;
            for (var i = 0; i < runs.Count; i++)
            {
                values[i] = runs[i].Value;
                weights[i] = (runs[i].End - runs[i].Start).Ticks;
                total += weights[i];
            }

            // Runs of equal value may swap places: the sum before any other value is the same.
            values.AsSpan(0, runs.Count).Sort(weights.AsSpan(0, runs.Count));
            var half = total / 2.0;
            long seen = 0;
            for (var i = 0; i < runs.Count; i++)
            {
                seen += weights[i];
                if (seen > half)
                {
                    return values[i];
                }

                if (seen == half && i + 1 < runs.Count)
                {
                    // An even split: the middle of the two middle values, as a median of samples would.
                    return (values[i] + values[i + 1]) / 2.0;
                }
            }

            return values[runs.Count - 1];
        }
        finally
        {
            ArrayPool<long>.Shared.Return(values);
            ArrayPool<long>.Shared.Return(weights);
        }
    }
}
