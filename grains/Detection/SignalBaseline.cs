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
    public static TimeSpan Span(List<BaselineRun> runs) => TimeSpan.FromTicks(runs.Sum(r => (r.End - r.Start).Ticks));

    /// <summary>The time-weighted median of the history: the value held for half of its time. Null when empty.</summary>
    public static double? Median(List<BaselineRun> runs)
    {
        if (runs.Count == 0)
        {
            return null;
        }

        var ordered = runs.OrderBy(r => r.Value).ToList();
        var total = ordered.Sum(r => (r.End - r.Start).Ticks);
        var half = total / 2.0;
        long seen = 0;
        for (var i = 0; i < ordered.Count; i++)
        {
            seen += (ordered[i].End - ordered[i].Start).Ticks;
            if (seen > half)
            {
                return ordered[i].Value;
            }

            if (seen == half && i + 1 < ordered.Count)
            {
                // An even split: the middle of the two middle values, as a median of samples would.
                return (ordered[i].Value + ordered[i + 1].Value) / 2.0;
            }
        }

        return ordered[^1].Value;
    }
}
