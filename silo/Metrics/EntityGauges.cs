using Grid.Grains.Alerts;
using Grid.Grains.Detection;
using Grid.Grains.Elections;
using Grid.Grains.Entities;
using Prometheus;

namespace Grid.Silo.Metrics;

/// <summary>
/// The gauges of the country, AS and region grains active on this silo (<see cref="ILocalEntities"/>;
/// ASes and regions within their bounds, <see cref="AsSeriesBound"/> and <see cref="RegionSeriesBound"/>), the
/// election watch of those countries and the alert outbox if its grain is active here.
/// </summary>
/// <remarks>
/// Values are read from the grains in a before-collect callback of the silo's registry, once per
/// scrape, rather than pushed by grains: a grain knows nothing of metrics, and only the silo
/// knows which grains it holds right now. prometheus-net's custom collectors are internal in 8.x,
/// so each scrape rewrites plain gauges as a snapshot and removes the label sets it no longer
/// holds (<see cref="SnapshotSeries{TChild}"/>).
/// </remarks>
public sealed class EntityGauges
{
    private readonly ILocalEntities _local;
    private readonly IGrainFactory _grains;
    private readonly AsSeriesBound _asBound;
    private readonly RegionSeriesBound _regionBound;
    private readonly TimeProvider _time;
    private readonly DetectionServices _detection;
    private readonly ILogger<EntityGauges> _log;
    // Concurrent scrapes each run the callback; one snapshot at a time keeps Begin/Set/Remove whole.
    private readonly SemaphoreSlim _gate = new(1, 1);

    private readonly EntityFamily _bgp, _bgp6, _probes, _baseline, _ratio, _level;
    private readonly SnapshotSeries<Gauge.Child> _electionWatch, _deliveries;

    public EntityGauges(CollectorRegistry registry, ILocalEntities local, IGrainFactory grains, AsSeriesBound asBound, RegionSeriesBound regionBound, TimeProvider time, DetectionServices detection, ILogger<EntityGauges> log)
    {
        (_local, _grains, _asBound, _regionBound, _time, _detection, _log) = (local, grains, asBound, regionBound, time, detection, log);
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _bgp = new(factory, "grid_bgp_visible_slash24", "Visible IPv4 /24s: distinct /24s covered by prefixes more than half of full-feed peers see.");
        _bgp6 = new(factory, "grid_bgp6_visible_slash48", "Visible IPv6 /48s, counted as for /24s.");
        _probes = new(factory, "grid_probe_up_slash24", "/24 blocks active probing believes up (Trinocular belief >= 0.9).");
        _baseline = new(factory, "grid_signal_baseline", "The median of a signal's history window at the last evaluation.", "signal");
        _ratio = new(factory, "grid_signal_ratio", "A signal's value divided by its baseline at the last evaluation.", "signal");
        _level = new(factory, "grid_entity_level", "Detection level: 0 normal, 1 warning, 2 critical, -1 unknown.");
        _electionWatch = new(factory.CreateGauge("grid_election_watch", "1 while a country is inside an election watch window (Grid:Elections:Before/After), else 0.", "country"));
        _deliveries = new(factory.CreateGauge("grid_alert_deliveries", "Alert deliveries in every subscription's outbox, exported where the alert grain is active: sent, failed (dead letters), queued.", "status"));
    }

    /// <summary>Level codes as the issue specifies them: 0 normal, 1 warning, 2 critical, -1 unknown.</summary>
    public static int LevelValue(DetectionLevel level) => level switch
    {
        DetectionLevel.Normal => 0,
        DetectionLevel.Warning => 1,
        DetectionLevel.Critical => 2,
        _ => -1,
    };

    /// <summary>Reads every exported grain, then replaces the previous snapshot in one step.</summary>
    public async Task UpdateAsync(CancellationToken cancel)
    {
        await _gate.WaitAsync(cancel);
        try
        {
            // All grain reads come first: if one fails, the previous snapshot stays whole for this
            // scrape (prometheus-net only traces a failed callback) rather than half of it vanishing.
            var countries = (await Task.WhenAll(_local.ActiveKeys(ILocalEntities.Country).Select(key => _grains.GetGrain<ICountryGrain>(key).Status())))
                .Where(s => s.HasData).ToList();
            var ases = await _asBound.ChooseAsync(_local.ActiveKeys(ILocalEntities.As));
            var regions = await _regionBound.ChooseAsync(_local.ActiveKeys(ILocalEntities.Region));
            var watched = countries.Count > 0 ? await ElectionWatchedAsync() : [];
            var deliveries = await OutboxAsync();
            Apply([.. countries, .. ases, .. regions], watched, deliveries);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _log.LogWarning(e, "Metrics: reading the grains active here failed; this scrape repeats the previous values.");
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Apply(List<EntityStatus> entities, HashSet<string> watched, IReadOnlyList<AlertDelivery>? deliveries)
    {
        EntityFamily[] families = [_bgp, _bgp6, _probes, _baseline, _ratio, _level];
        foreach (var family in families)
        {
            family.Begin();
        }

        _electionWatch.Begin();
        _deliveries.Begin();
        foreach (var entity in entities)
        {
            var signals = entity.Signals;
            SetSignal(_bgp, entity, SignalNames.Bgp);
            SetSignal(_bgp6, entity, SignalNames.Bgp6);
            SetSignal(_probes, entity, SignalNames.Probes);
            foreach (var (signal, value) in signals)
            {
                if (value.Baseline is { } baseline)
                {
                    _baseline.Set(entity, baseline, signal);
                }

                if (value.Ratio is { } ratio)
                {
                    _ratio.Set(entity, ratio, signal);
                }
            }

            _level.Set(entity, LevelValue(entity.Level));
            if (entity.Kind == EntityKind.Country)
            {
                _electionWatch.Mark(entity.Code).Set(watched.Contains(entity.Code) ? 1 : 0);
            }
        }

        if (deliveries is not null)
        {
            _deliveries.Mark("sent").Set(deliveries.Count(d => d.Status == AlertDeliveryStatus.Delivered));
            _deliveries.Mark("failed").Set(deliveries.Count(d => d.Status == AlertDeliveryStatus.Failed));
            _deliveries.Mark("queued").Set(deliveries.Count(d => d.Status == AlertDeliveryStatus.Pending));
        }

        foreach (var family in families)
        {
            family.RemoveUnmarked();
        }

        _electionWatch.RemoveUnmarked();
        _deliveries.RemoveUnmarked();
    }

    private static void SetSignal(EntityFamily family, EntityStatus entity, string signal)
    {
        if (entity.Signals.TryGetValue(signal, out var value))
        {
            family.Set(entity, value.Value);
        }
    }

    /// <summary>The calendar is read where it is: one call per scrape, not one per country.</summary>
    private async Task<HashSet<string>> ElectionWatchedAsync()
    {
        var entries = await _grains.GetGrain<IElectionCalendarGrain>(IElectionCalendarGrain.Key).List(null);
        var now = _time.GetUtcNow();
        // Elections only: the gauge's name says so (exams and the other kinds are in GET /v1/watch).
        return entries.Where(e => e.Kind is null && _detection.Elections.Watches(e, now)).Select(e => e.Country).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every subscription's outbox, read through the alert grain and only on the silo where it is active (one exporter); null elsewhere.</summary>
    private async Task<IReadOnlyList<AlertDelivery>?> OutboxAsync() =>
        _local.ActiveKeys(ILocalEntities.Alerts).Contains(AnomalyStream.Key)
            ? [.. await _grains.GetGrain<IAlertGrain>(AnomalyStream.Key).List(null)]
            : null;
}
