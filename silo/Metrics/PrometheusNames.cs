using System.Diagnostics.Metrics;
using System.Text;

namespace Grid.Silo.Metrics;

/// <summary>
/// Prometheus names for <see cref="MeterFamilies"/>, as OpenTelemetry's Prometheus exporter forms
/// them: dots become underscores, the unit (seconds, bytes) is appended, counters end in
/// <c>_total</c>. <c>dotnet.gc.pause.time</c> (s, counter) becomes <c>dotnet_gc_pause_time_seconds_total</c>.
/// </summary>
public static class PrometheusNames
{
    public static string Of(Instrument instrument)
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

        // _count, _sum and _bucket belong to histograms and summaries (promtool rejects them on a gauge).
        if (name.EndsWith("_count", StringComparison.Ordinal) || name.EndsWith("_sum", StringComparison.Ordinal) || name.EndsWith("_bucket", StringComparison.Ordinal))
        {
            name += IsCounter(instrument) ? "" : "_current";
        }

        return IsCounter(instrument) && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
    }

    public static string Label(string tag) => Sanitize(tag);

    public static bool IsCounter(Instrument instrument) =>
        instrument.GetType().Name.StartsWith("Counter", StringComparison.Ordinal) || instrument.GetType().Name.StartsWith("ObservableCounter", StringComparison.Ordinal);

    private static string Sanitize(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_');
        }

        return text.ToString();
    }
}
