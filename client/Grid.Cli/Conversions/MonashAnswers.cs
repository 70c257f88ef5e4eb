using System.Globalization;
using Grid.Grains.Backtesting;
using Grid.Geography;
using Grid.Grains.Entities;
using Grid.Grains.Text;

namespace Grid.Cli.Conversions;

/// <summary>
/// Per-address measurements, as the Monash IP Observatory publishes them (one row per answer of an
/// address: <c>ip_hash,iso,name_0,name_1,name_2,isp_name,owner_name,time_local_str,time_local_hr,rtt</c>,
/// local times without an offset), into the number of distinct addresses that answered in each hour,
/// for the region <c>name_1</c> of the country <c>iso</c> (alpha-3). Every hour between the first and the
/// last measurement is written, hours of the file's local clock,, 0 when nothing answered (that is what a shutdown looks like); the
/// first and last hours are left out, since the file starts and stops inside them.
/// </summary>
internal static class MonashAnswers
{
    public const string Signal = "answers";

    public static (List<(DateTimeOffset Hour, string Entity, string Signal, double Value)> Rows, List<InputProblem> Problems) Convert(TextReader reader, string file, TimeSpan offset)
    {
        var problems = new List<InputProblem>();
        var rows = new List<(DateTimeOffset, string, string, double)>();
        var header = reader.ReadLine();
        var columns = header is null ? [] : CsvLine.Columns(header);
        int ip = columns.IndexOf("ip_hash"), country = columns.IndexOf("iso"), region = columns.IndexOf("name_1"), time = columns.IndexOf("time_local_str");
        if (ip < 0 || country < 0 || region < 0 || time < 0)
        {
            problems.Add(new InputProblem(file, 1, "this is not a Monash IP Observatory file: it needs the columns ip_hash, iso, name_1 and time_local_str"));
            return (rows, problems);
        }

        var answered = new Dictionary<(string Entity, DateTimeOffset Hour), HashSet<string>>();
        var entities = new Dictionary<(string Country, string Region), string?>();
        DateTimeOffset? first = null, last = null;
        long line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var fields = CsvLine.Split(text);
            if (fields.Count <= Math.Max(Math.Max(ip, country), Math.Max(region, time)))
            {
                problems.Add(new InputProblem(file, line, $"{fields.Count} columns where the header has {columns.Count}"));
                continue;
            }

            if (!DateTime.TryParse(fields[time], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                problems.Add(new InputProblem(file, line, $"'{fields[time]}' is not a local time such as 2021-02-19 10:24:36.000"));
                continue;
            }

            var names = (fields[country].Trim(), fields[region].Trim());
            if (!entities.TryGetValue(names, out var entity))
            {
                entities[names] = entity = CountryAlpha3.TryParse(names.Item1, out var code) && EntityKey.TryRegion($"{code}-{names.Item2}", out var key)
                    ? SeriesEntity.Location(key)
                    : null;
            }

            if (entity is null)
            {
                problems.Add(new InputProblem(file, line, $"'{names.Item1}' is not an ISO 3166 alpha-3 country code, or the region '{names.Item2}' is empty"));
                continue;
            }

            // Hours of the local clock (00:30Z is 07:00 in Yangon): a cut that starts at 01:00 local fills whole hours.
            var at = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset);
            var hour = HourlySeries.HourOf(at.ToOffset(offset).DateTime, offset);
            first = first is null || at < first ? at : first;
            last = last is null || at > last ? at : last;
            if (!answered.TryGetValue((entity, hour), out var addresses))
            {
                answered[(entity, hour)] = addresses = new HashSet<string>(StringComparer.Ordinal);
            }

            addresses.Add(fields[ip].Trim());
        }

        if (first is { } start && last is { } end)
        {
            foreach (var entity in entities.Values.OfType<string>().Distinct())
            {
                for (var hour = HourlySeries.HourOf(start.DateTime, offset).AddHours(1); hour < HourlySeries.HourOf(end.DateTime, offset); hour = hour.AddHours(1))
                {
                    rows.Add((hour, entity, Signal, answered.TryGetValue((entity, hour), out var set) ? set.Count : 0));
                }
            }
        }

        return (rows, problems);
    }
}
