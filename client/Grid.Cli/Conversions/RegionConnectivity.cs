using System.Globalization;
using Grid.Geography;
using Grid.Grains.Backtesting;
using Grid.Grains.Entities;
using Grid.Grains.Text;

namespace Grid.Cli.Conversions;

/// <summary>
/// Per-region connectivity indices, hourly per county (<c>iso,id_1,name_1,id_2,name_2,time_e,
/// time_e_str,lat,lon,connectivity</c>; <c>time_e</c> in Unix seconds), into one series per admin-1
/// region (<c>region/CC-name_1</c>) and one per country: each hour's mean over the counties heard
/// in it, × 1,000 (Grid's signals are whole numbers; the ratio to the baseline is what detection
/// judges, and a mean does not fall when a county is missing from an hour).
/// </summary>
internal static class RegionConnectivity
{
    public const string Signal = "connectivity";

    public static (List<(DateTimeOffset Hour, string Entity, string Signal, double Value)> Rows, List<InputProblem> Problems) Convert(TextReader reader, string file)
    {
        var problems = new List<InputProblem>();
        var header = reader.ReadLine();
        var columns = header is null ? [] : CsvLine.Columns(header);
        int iso = columns.IndexOf("iso"), region = columns.IndexOf("name_1"), time = columns.IndexOf("time_e"), value = columns.IndexOf("connectivity");
        if (iso < 0 || region < 0 || time < 0 || value < 0)
        {
            problems.Add(new InputProblem(file, 1, "this is not a regional connectivity file: it needs the columns iso, name_1, time_e and connectivity"));
            return ([], problems);
        }

        var sums = new Dictionary<(string Entity, DateTimeOffset Hour), (double Sum, int Count)>();
        long line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var fields = CsvLine.Split(text);
            if (fields.Count < columns.Count)
            {
                problems.Add(new InputProblem(file, line, $"{fields.Count} columns where the header has {columns.Count}"));
                continue;
            }

            if (!CountryOf(fields[iso].Trim(), out var country))
            {
                problems.Add(new InputProblem(file, line, $"'{fields[iso]}' is not an ISO 3166 country code (two or three letters)"));
                continue;
            }

            if (!long.TryParse(fields[time].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) || !double.TryParse(fields[value].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var index) || !double.IsFinite(index))
            {
                problems.Add(new InputProblem(file, line, $"time_e '{fields[time]}' must be Unix seconds and connectivity '{fields[value]}' a number"));
                continue;
            }

            var hour = HourlySeries.HourOf(DateTimeOffset.FromUnixTimeSeconds(seconds));
            var places = new List<string> { SeriesEntity.Location(EntityKey.Country(country)) };
            if (EntityKey.TryRegion($"{country}-{fields[region].Trim()}", out var regionKey))
            {
                places.Add(SeriesEntity.Location(regionKey));
            }

            foreach (var place in places)
            {
                var (sum, count) = sums.GetValueOrDefault((place, hour));
                sums[(place, hour)] = (sum + index, count + 1);
            }
        }

        return ([.. sums.Select(s => (s.Key.Hour, s.Key.Entity, Signal, Math.Round(1000 * s.Value.Sum / s.Value.Count)))], problems);
    }

    /// <summary>Two letters as they are; three through the ISO alpha-3 codes Grid knows.</summary>
    private static bool CountryOf(string code, out CountryCode country) =>
        CountryCode.TryParse(code, out country) || CountryAlpha3.TryParse(code, out country);
}
