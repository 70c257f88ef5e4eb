using Prometheus;

namespace Grid.Silo.Metrics;

/// <summary>
/// The series of one prometheus-net collector as a snapshot: after <see cref="Begin"/>, only the
/// label sets marked again survive <see cref="RemoveUnmarked"/>. A grain that moved to another
/// silo, an AS that left the top-N or a feed gone to standby then disappears from this silo's
/// scrape instead of repeating its last value next to the silo that now owns it.
/// </summary>
internal sealed class SnapshotSeries<TChild>(Collector<TChild> collector)
    where TChild : ChildBase
{
    private readonly HashSet<string> _marked = new(StringComparer.Ordinal);

    public Collector<TChild> Collector => collector;

    public void Begin() => _marked.Clear();

    /// <summary>The child for these label values, kept by the next <see cref="RemoveUnmarked"/>.</summary>
    public TChild Mark(params string[] labelValues)
    {
        _marked.Add(Key(labelValues));
        return collector.WithLabels(labelValues);
    }

    public void RemoveUnmarked()
    {
        foreach (var values in collector.GetAllLabelValues().Where(v => !_marked.Contains(Key(v))).ToList())
        {
            collector.RemoveLabelled(values);
        }
    }

    // Label values cannot hold U+0001 in any series Grid exports, so it separates them unambiguously.
    private static string Key(string[] values) => string.Join('\u0001', values);
}
