using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Prometheus;

namespace Grid.Silo.Metrics;

/// <summary>
/// Grid's meters (<c>Grid.*</c>) and .NET's <c>System.Runtime</c> as prometheus-net counters and
/// gauges in the silo's registry, under the names the dashboards and rules use
/// (<see cref="PrometheusNames"/>): <c>grid_feed_messages_total</c>, <c>dotnet_gc_collections_total</c>.
/// </summary>
/// <remarks>
/// prometheus-net's MeterAdapter would name these <c>grid_silo_grid_feed_messages</c> and
/// <c>system_runtime_dotnet_gc_collections</c>, as gauges (it never emits counters), and five of
/// its System.Runtime gauges end in <c>_count</c>, which <c>promtool check metrics</c> rejects. So
/// these two stay Grid's, and the adapter serves Orleans' meter (<see cref="OrleansMeters"/>).
/// Histograms are left to OTLP, as before.
/// </remarks>
public sealed class MeterFamilies : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly IMetricFactory _factory;
    private readonly ConcurrentDictionary<(Instrument, string), object> _collectors = new();
    private readonly Lock _gate = new();
    private readonly List<SnapshotSeries<Counter.Child>> _observedCounters = [];
    private readonly List<SnapshotSeries<Gauge.Child>> _observedGauges = [];

    public MeterFamilies(CollectorRegistry registry)
    {
        _factory = Prometheus.Metrics.WithCustomRegistry(registry);
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
        registry.AddBeforeCollectCallback(Observe);
    }

    public static bool IsExported(Instrument instrument) =>
        (instrument.Meter.Name.StartsWith("Grid.", StringComparison.Ordinal) || instrument.Meter.Name == "System.Runtime")
        && !instrument.GetType().Name.StartsWith("Histogram", StringComparison.Ordinal);

    public void Dispose() => _listener.Dispose();

    /// <summary>
    /// Observable instruments report only when asked, so each scrape asks; a series an observable
    /// instrument no longer reports (a feed gone to standby here) is removed, not repeated.
    /// </summary>
    private void Observe()
    {
        lock (_gate)
        {
            _observedCounters.ForEach(s => s.Begin());
            _observedGauges.ForEach(s => s.Begin());
            _listener.RecordObservableInstruments();
            _observedCounters.ForEach(s => s.RemoveUnmarked());
            _observedGauges.ForEach(s => s.RemoveUnmarked());
        }
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var ordered = tags.ToArray();
        Array.Sort(ordered, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var labelNames = ordered.Select(t => PrometheusNames.Label(t.Key)).ToArray();
        string[] labelValues = [.. ordered.Select(t => Convert.ToString(t.Value, CultureInfo.InvariantCulture) ?? "")];
        var collector = _collectors.GetOrAdd((instrument, string.Join(',', labelNames)), _ => Create(instrument, labelNames));
        switch (collector)
        {
            // An observable counter reports its running total; IncTo never lets a counter go back.
            case SnapshotSeries<Counter.Child> observed:
                observed.Mark(labelValues).IncTo(value);
                break;
            case SnapshotSeries<Gauge.Child> observed:
                observed.Mark(labelValues).Set(value);
                break;
            case Counter counter:
                counter.WithLabels(labelValues).Inc(value);
                break;
            case Gauge gauge when instrument.GetType().Name.StartsWith("UpDownCounter", StringComparison.Ordinal):
                gauge.WithLabels(labelValues).Inc(value);
                break;
            case Gauge gauge:
                gauge.WithLabels(labelValues).Set(value);
                break;
        }
    }

    private object Create(Instrument instrument, string[] labelNames)
    {
        var name = PrometheusNames.Of(instrument);
        var help = string.IsNullOrWhiteSpace(instrument.Description) ? instrument.Name : instrument.Description;
        if (PrometheusNames.IsCounter(instrument))
        {
            var counter = _factory.CreateCounter(name, help, labelNames);
            return instrument.IsObservable ? Observed(_observedCounters, new SnapshotSeries<Counter.Child>(counter)) : counter;
        }

        var gauge = _factory.CreateGauge(name, help, labelNames);
        return instrument.IsObservable ? Observed(_observedGauges, new SnapshotSeries<Gauge.Child>(gauge)) : gauge;
    }

    // Observable instruments are recorded inside Observe, which holds the gate.
    private SnapshotSeries<T> Observed<T>(List<SnapshotSeries<T>> all, SnapshotSeries<T> series)
        where T : ChildBase
    {
        lock (_gate)
        {
            all.Add(series);
        }

        return series;
    }
}
