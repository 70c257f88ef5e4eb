using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Grid.Silo.Metrics;

/// <summary>
/// Collects System.Diagnostics.Metrics instruments of Grid's meters and of .NET's
/// <c>System.Runtime</c> meter with a <see cref="MeterListener"/>, and writes them as Prometheus
/// families. Counters become <c>_total</c> counters; up-down counters and gauges become gauges.
/// Histograms are not exported here (the OTLP exporter carries them).
/// </summary>
public sealed class MeterCollector : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<Instrument, Dictionary<string, (KeyValuePair<string, object?>[] Tags, double Value)>> _points = [];

    public MeterCollector()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (IsExported(instrument))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<float>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    public static bool IsExported(Instrument instrument) =>
        (instrument.Meter.Name.StartsWith("Grid.", StringComparison.Ordinal) || instrument.Meter.Name == "System.Runtime")
        && !instrument.GetType().Name.StartsWith("Histogram", StringComparison.Ordinal);

    public void Write(ExpositionWriter writer)
    {
        lock (_gate)
        {
            // Observable instruments report only now; their values replace what they reported last time.
            _listener.RecordObservableInstruments();
            foreach (var (instrument, points) in _points.OrderBy(p => PrometheusName(p.Key), StringComparer.Ordinal))
            {
                writer.Family(PrometheusName(instrument), IsCounter(instrument) ? "counter" : "gauge", instrument.Description ?? instrument.Name);
                foreach (var (tags, value) in points.Values)
                {
                    writer.Sample(value, [.. tags.Select(t => (LabelName(t.Key), Convert.ToString(t.Value, CultureInfo.InvariantCulture) ?? ""))]);
                }
            }
        }
    }

    public void Dispose() => _listener.Dispose();

    /// <summary><c>dotnet.gc.pause.time</c> (unit s, counter) becomes <c>dotnet_gc_pause_time_seconds_total</c>.</summary>
    public static string PrometheusName(Instrument instrument)
    {
        var name = Sanitize(instrument.Name);
        var unit = instrument.Unit switch
        {
            "s" => "_seconds",
            "By" => "_bytes",
            _ => "",
        };
        if (unit.Length > 0 && !name.EndsWith(unit, StringComparison.Ordinal))
        {
            name += unit;
        }

        // _count, _sum and _bucket belong to histograms and summaries.
        if (name.EndsWith("_count", StringComparison.Ordinal) || name.EndsWith("_sum", StringComparison.Ordinal) || name.EndsWith("_bucket", StringComparison.Ordinal))
        {
            name += IsCounter(instrument) ? "" : "_current";
        }

        return IsCounter(instrument) && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
    }

    private static string LabelName(string tag) => Sanitize(tag);

    private static string Sanitize(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_');
        }

        return text.ToString();
    }

    private static bool IsCounter(Instrument instrument) =>
        instrument.GetType().Name.StartsWith("Counter", StringComparison.Ordinal) || instrument.GetType().Name.StartsWith("ObservableCounter", StringComparison.Ordinal);

    private static bool Accumulates(Instrument instrument) => !instrument.IsObservable && instrument.GetType().Name is not ['G', 'a', 'u', 'g', 'e', ..];

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var ordered = tags.ToArray();
        Array.Sort(ordered, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var key = string.Join('\u0001', ordered.Select(t => $"{t.Key}={t.Value}"));
        lock (_gate)
        {
            if (!_points.TryGetValue(instrument, out var points))
            {
                _points[instrument] = points = new(StringComparer.Ordinal);
            }

            var previous = points.TryGetValue(key, out var point) ? point.Value : 0;
            points[key] = (ordered, Accumulates(instrument) ? previous + value : value);
        }
    }
}
