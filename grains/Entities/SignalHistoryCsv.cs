using System.Globalization;
using System.Text;
using Grid.Grains.Signals;

namespace Grid.Grains.Entities;

/// <summary>History as CSV (<c>time,bgp,bgp6,probes,…</c>, one column per signal), for spreadsheets and notebooks; an empty cell means no value yet.</summary>
public static class SignalHistoryCsv
{
    public const string MediaType = "text/csv";

    public static string Write(SignalHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var names = history.Signals.Keys.Order(StringComparer.Ordinal).ToList();
        // Each series in time order (resampled series already are); the rows are their merge, so a
        // week of minutes is read once, with no row objects (an evidence seal writes this on its path).
        var series = names.Select(name => InOrder(history.Signals[name])).ToArray();
        var next = new int[series.Length];
        var csv = new StringBuilder(32 + (series.Sum(s => s.Length) * 12));
        csv.Append("time,").AppendJoin(',', names).Append('\n');
        while (true)
        {
            DateTimeOffset? at = null;
            for (var i = 0; i < series.Length; i++)
            {
                if (next[i] < series[i].Length && (at is null || series[i][next[i]].At < at))
                {
                    at = series[i][next[i]].At;
                }
            }

            if (at is not { } row)
            {
                break;
            }

            csv.Append(CultureInfo.InvariantCulture, $"{row.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");
            for (var i = 0; i < series.Length; i++)
            {
                csv.Append(',');
                // The last of a signal's points at one instant wins, as it would in a row keyed by time.
                long? value = null;
                while (next[i] < series[i].Length && series[i][next[i]].At == row)
                {
                    value = series[i][next[i]++].Value;
                }

                if (value is { } v)
                {
                    csv.Append(CultureInfo.InvariantCulture, $"{v}");
                }
            }

            csv.Append('\n');
        }

        return csv.ToString();
    }

    private static SignalPoint[] InOrder(SignalPoint[] points)
    {
        for (var i = 1; i < points.Length; i++)
        {
            if (points[i].At < points[i - 1].At)
            {
                return [.. points.OrderBy(p => p.At)];
            }
        }

        return points;
    }
}
