using Prometheus;

namespace Grid.Silo.Metrics;

/// <summary>
/// Orleans' own meter (<c>Microsoft.Orleans</c>: activations, messaging, directory, request latency)
/// through prometheus-net's MeterAdapter into the silo's registry, e.g.
/// <c>microsoft_orleans_orleans_catalog_activations{grain_type="…"}</c>. Only that meter: Grid's and
/// System.Runtime's keep their established names through <see cref="MeterFamilies"/>. The adapter
/// exports every Meters counter as a gauge; its output passes <c>promtool check metrics</c>.
/// </summary>
/// <remarks>
/// A MeterListener hears every meter in the process, so silos hosted in one process (tests) each
/// export the process's Orleans measurements; the per-silo bound applies to Grid's entity gauges.
/// </remarks>
public sealed class OrleansMeters : IDisposable
{
    public const string MeterName = "Microsoft.Orleans";

    private readonly IDisposable _adapter;

    public OrleansMeters(CollectorRegistry registry) =>
        _adapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = registry,
            // The options default MetricFactory to the static default registry's, which would win over Registry.
            MetricFactory = Prometheus.Metrics.WithCustomRegistry(registry),
            InstrumentFilterPredicate = instrument => instrument.Meter.Name == MeterName,
        });

    public void Dispose() => _adapter.Dispose();
}
