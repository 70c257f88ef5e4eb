using Grid.Grains.Alerts;
using Grid.Grains.Detection;
using Grid.Grains.Elections;
using Grid.Grains.Entities;
using Grid.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Metrics;

/// <summary>
/// The gauges of the country and AS grains active on this silo. A grain exports from the silo that
/// holds its activation, so a cluster never counts a series twice, and a grain that moves stops
/// exporting from its old silo. Listing activations activates nothing; reading a listed grain's
/// status is a call to a local activation.
/// </summary>
public sealed class EntityGauges(IGrainFactory grainFactory, SiloActivations runtime, IOptions<MetricsOptions> options, TimeProvider time, DetectionServices detection)
{
    private readonly Lock _gate = new();
    private HashSet<string> _rankedAsKeys = new(StringComparer.Ordinal);
    private DateTimeOffset _rankedAt = DateTimeOffset.MinValue;

    /// <summary>Level codes as the issue specifies them: 0 normal, 1 warning, 2 critical, -1 unknown.</summary>
    public static int LevelValue(string? level) => level switch
    {
        DetectionLevel.Normal => 0,
        DetectionLevel.Warning => 1,
        DetectionLevel.Critical => 2,
        _ => -1,
    };

    public async Task WriteAsync(ExpositionWriter writer)
    {
        var grains = grainFactory;
        var countries = (await Task.WhenAll(runtime.ActiveKeys("country").Select(key => grains.GetGrain<ICountryGrain>(key).Status())))
            .Where(s => s.HasData).OrderBy(s => s.Code, StringComparer.Ordinal).ToList();
        var ases = await ExportedAsesAsync(grains);
        var entities = countries.Select(s => (Status: s, Labels: new[] { ("kind", "country"), ("country", s.Code) }))
            .Concat(ases.Select(s => (Status: s, Labels: new[] { ("kind", "as"), ("asn", s.Code.StartsWith("AS", StringComparison.Ordinal) ? s.Code[2..] : s.Code), ("country", s.Country ?? "") })))
            .ToList();

        WriteSignal(writer, entities, "grid_bgp_visible_slash24", SignalNames.Bgp, "Visible IPv4 /24s: distinct /24s covered by prefixes more than half of full-feed peers see.");
        WriteSignal(writer, entities, "grid_bgp6_visible_slash48", SignalNames.Bgp6, "Visible IPv6 /48s, counted as for /24s.");
        WriteSignal(writer, entities, "grid_probe_up_slash24", SignalNames.Probes, "/24 blocks active probing believes up (Trinocular belief >= 0.9).");

        writer.Family("grid_signal_baseline", "gauge", "The median of a signal's history window at the last evaluation.");
        foreach (var (status, labels) in entities)
        {
            foreach (var (signal, value) in status.Signals.OrderBy(s => s.Key, StringComparer.Ordinal).Where(s => s.Value.Baseline is not null))
            {
                writer.Sample(value.Baseline!.Value, [.. labels, ("signal", signal)]);
            }
        }

        writer.Family("grid_signal_ratio", "gauge", "A signal's value divided by its baseline at the last evaluation.");
        foreach (var (status, labels) in entities)
        {
            foreach (var (signal, value) in status.Signals.OrderBy(s => s.Key, StringComparer.Ordinal).Where(s => s.Value.Ratio is not null))
            {
                writer.Sample(value.Ratio!.Value, [.. labels, ("signal", signal)]);
            }
        }

        writer.Family("grid_entity_level", "gauge", "Detection level: 0 normal, 1 warning, 2 critical, -1 unknown.");
        foreach (var (status, labels) in entities)
        {
            writer.Sample(LevelValue(status.Level), labels);
        }

        await WriteElectionWatchAsync(writer, grains, countries);
        await WriteOutboxAsync(writer, grains);
    }

    private static void WriteSignal(ExpositionWriter writer, List<(EntityStatus Status, (string, string)[] Labels)> entities, string name, string signal, string help)
    {
        writer.Family(name, "gauge", help);
        foreach (var (status, labels) in entities)
        {
            if (status.Signals.TryGetValue(signal, out var value))
            {
                writer.Sample(value.Value, labels);
            }
        }
    }

    /// <summary>Watched ASes first, then the largest by visible /24s, up to Grid:Metrics:MaxAsSeries.</summary>
    private async Task<List<EntityStatus>> ExportedAsesAsync(IGrainFactory grains)
    {
        var settings = options.Value;
        if (settings.MaxAsSeries <= 0)
        {
            return [];
        }

        var active = runtime.ActiveKeys("as").ToHashSet(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        HashSet<string> chosen;
        lock (_gate)
        {
            chosen = now - _rankedAt < settings.AsRankRefresh ? _rankedAsKeys : [];
        }

        var watched = settings.WatchedAsns.Select(EntityKeys.As).ToHashSet(StringComparer.Ordinal);
        // Ranking reads every active AS, so it runs once per AsRankRefresh, and sooner only when
        // the bound is not yet full or a watched AS became active here.
        var stale = chosen.Count < Math.Min(settings.MaxAsSeries, active.Count) || watched.Any(key => active.Contains(key) && !chosen.Contains(key));
        if (stale && active.Count > 0)
        {
            var all = await Task.WhenAll(active.Select(key => grains.GetGrain<IAsGrain>(key).Status()));
            chosen = all.Where(s => s.HasData)
                .OrderByDescending(s => watched.Contains(s.Code))
                .ThenByDescending(s => s.Signals.TryGetValue(SignalNames.Bgp, out var bgp) ? bgp.Value : 0)
                .ThenBy(s => s.Code, StringComparer.Ordinal)
                .Take(settings.MaxAsSeries)
                .Select(s => s.Code)
                .ToHashSet(StringComparer.Ordinal);
            lock (_gate)
            {
                (_rankedAsKeys, _rankedAt) = (chosen, now);
            }
        }

        // A chosen AS that moved away since the ranking is no longer ours to export.
        var statuses = await Task.WhenAll(chosen.Where(active.Contains).Select(key => grains.GetGrain<IAsGrain>(key).Status()));
        return [.. statuses.Where(s => s.HasData).OrderBy(s => s.Code, StringComparer.Ordinal)];
    }

    private async Task WriteElectionWatchAsync(ExpositionWriter writer, IGrainFactory grains, List<EntityStatus> countries)
    {
        writer.Family("grid_election_watch", "gauge", "1 while a country is inside an election watch window (Grid:Elections:Before/After), else 0.");
        if (countries.Count == 0)
        {
            return;
        }

        // The calendar is read where it is: one call per scrape, not one per country.
        var entries = await grains.GetGrain<IElectionCalendarGrain>(IElectionCalendarGrain.Key).List(null);
        var now = time.GetUtcNow();
        var watched = entries.Where(e => detection.Elections.Watches(e, now)).Select(e => e.Country).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var country in countries)
        {
            writer.Sample(watched.Contains(country.Code) ? 1 : 0, ("country", country.Code));
        }
    }

    private async Task WriteOutboxAsync(ExpositionWriter writer, IGrainFactory grains)
    {
        writer.Family("grid_alert_deliveries", "gauge", "Alert deliveries in the outbox of the alert grain active here: sent, failed (dead letters), queued.");
        if (!runtime.ActiveKeys("alerts").Contains(AnomalyStream.Key))
        {
            return;
        }

        var deliveries = await grains.GetGrain<IAlertGrain>(AnomalyStream.Key).List(null);
        writer.Sample(deliveries.Count(d => d.Status == AlertDelivery.Delivered), ("status", "sent"));
        writer.Sample(deliveries.Count(d => d.Status == AlertDelivery.Failed), ("status", "failed"));
        writer.Sample(deliveries.Count(d => d.Status == AlertDelivery.Pending), ("status", "queued"));
    }
}
