using System.Globalization;

namespace Grid.Bench.Sessions;

/// <summary>Latencies of several rounds; percentiles by nearest rank (so with 10 rounds p95 is the slowest).</summary>
internal sealed class LatencySamples(IEnumerable<TimeSpan> samples)
{
    private readonly TimeSpan[] _sorted = [.. samples.Order()];

    public int Count => _sorted.Length;

    public TimeSpan P50 => Percentile(50);

    public TimeSpan P95 => Percentile(95);

    public TimeSpan Percentile(int percent) => _sorted[Math.Max(0, (int)Math.Ceiling(percent / 100.0 * _sorted.Length) - 1)];

    public override string ToString() =>
        string.Join(", ", _sorted.Select(sample => sample.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture))) + " ms";
}
