using System.Globalization;
using System.Text;

namespace Grid.Grains.Entities;

/// <summary>History as CSV (<c>time,bgp,bgp6,probes,…</c>, one column per signal), for spreadsheets and notebooks; an empty cell means no value yet.</summary>
public static class SignalHistoryCsv
{
    public const string MediaType = "text/csv";

    public static string Write(SignalHistory history)
    {
        var names = history.Signals.Keys.Order(StringComparer.Ordinal).ToList();
        var rows = new SortedDictionary<DateTimeOffset, Dictionary<string, long>>();
        foreach (var (name, points) in history.Signals)
        {
            foreach (var point in points)
            {
                if (!rows.TryGetValue(point.At, out var row))
                {
                    rows[point.At] = row = [];
                }

                row[name] = point.Value;
            }
        }

        var csv = new StringBuilder("time,").AppendJoin(',', names).Append('\n');
        foreach (var (at, values) in rows)
        {
            csv.Append(at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            foreach (var name in names)
            {
                csv.Append(',');
                if (values.TryGetValue(name, out var value))
                {
                    csv.Append(value.ToString(CultureInfo.InvariantCulture));
                }
            }

            csv.Append('\n');
        }

        return csv.ToString();
    }
}
