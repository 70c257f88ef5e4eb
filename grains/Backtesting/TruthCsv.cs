using System.Globalization;
using System.Text.RegularExpressions;
using Grid.Geography;
using Grid.Grains.Countries;
using Grid.Grains.Entities;
using Grid.Grains.Text;

namespace Grid.Grains.Backtesting;

/// <summary>
/// Ground truth for a backtest, in one of two shapes, told apart by the header:
/// <list type="bullet">
/// <item>Grid's own: <c>entity,start,end[,label]</c>, entities and times as in series;</item>
/// <item>IODA's investigated outages (Bischof et al., SIGCOMM 2023): <c>ID,Begin time,End time,Country,…,Scope …,Region,AS,…</c>,
/// times as "Wednesday, March 17, 2021, 4:40:00 PM" (UTC); the AS column or an "AS (4538)" scope
/// makes an AS, the Region column or a "Region (Rangpur)" scope a region of the country, else the country.</item>
/// </list>
/// </summary>
public static partial class TruthCsv
{
    public const string Header = "entity,start,end,label";

    public static List<TruthInterval> Read(TextReader reader, string file, List<InputProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(problems);
        var intervals = new List<TruthInterval>();
        var header = reader.ReadLine();
        if (header is null)
        {
            problems.Add(new InputProblem(file, 1, $"the file is empty; ground truth starts with the header {Header}, or is IODA's investigated-outages CSV"));
            return intervals;
        }

        var columns = CsvLine.Columns(header);
        var ioda = columns.Contains("begin time") && columns.Contains("end time") && columns.Contains("country");
        if (!ioda && !(columns.Contains("entity") && columns.Contains("start") && columns.Contains("end")))
        {
            problems.Add(new InputProblem(file, 1, $"the header is '{header}'; ground truth needs the columns {Header} (label optional), or IODA's investigated-outages header"));
            return intervals;
        }

        long line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text) || text.Trim(',').Length == 0)
            {
                continue;
            }

            var fields = CsvLine.Split(text);
            string Field(string name) => columns.IndexOf(name) is var i and >= 0 && i < fields.Count ? fields[i].Trim() : "";
            var row = ioda ? ReadIoda(Field, columns) : ReadOwn(Field);
            if (row.Problem is { } problem)
            {
                problems.Add(new InputProblem(file, line, problem));
            }
            else if (row.Interval.End < row.Interval.Start)
            {
                problems.Add(new InputProblem(file, line, $"it ends ({row.Interval.End:u}) before it starts ({row.Interval.Start:u})"));
            }
            else
            {
                intervals.Add(row.Interval);
            }
        }

        return intervals;
    }

    private static (TruthInterval Interval, string? Problem) ReadOwn(Func<string, string> field)
    {
        if (!SeriesEntity.TryParse(field("entity"), out var key, out var problem))
        {
            return (null!, problem);
        }

        if (!SeriesCsv.TryParseTime(field("start"), out var start) || !SeriesCsv.TryParseTime(field("end"), out var end))
        {
            return (null!, $"'{field("start")}' to '{field("end")}' are not times: write ISO 8601 or Unix seconds");
        }

        var label = field("label");
        return (new TruthInterval(key, start, end, label.Length == 0 ? null : label), null);
    }

    private static (TruthInterval Interval, string? Problem) ReadIoda(Func<string, string> field, List<string> columns)
    {
        var countryName = field("country");
        if (!InformalCountryNames.TryMap(countryName, out var country))
        {
            return (null!, $"the country '{countryName}' has no ISO code Grid knows; name it as ISO 3166 does");
        }

        if (field("end time") is "" or "N/A")
        {
            return (null!, "the outage has no end time, so it cannot be scored");
        }

        if (!TryParseIodaTime(field("begin time"), out var start) || !TryParseIodaTime(field("end time"), out var end))
        {
            return (null!, $"'{field("begin time")}' to '{field("end time")}' are not IODA times such as 'Wednesday, March 17, 2021, 4:40:00 PM'");
        }

        var scope = columns.FirstOrDefault(c => c.StartsWith("scope", StringComparison.Ordinal)) is { } scopeColumn ? field(scopeColumn) : "";
        var asn = field("as");
        var region = field("region");
        // The scope column names the entity too: "Region (Rangpur)", "AS (4538)".
        if (region.Length == 0 && scope.StartsWith("Region (", StringComparison.OrdinalIgnoreCase) && scope.EndsWith(')'))
        {
            region = scope["Region (".Length..^1];
        }

        if (asn.Length == 0 && scope.StartsWith("AS (", StringComparison.OrdinalIgnoreCase) && scope.EndsWith(')'))
        {
            asn = scope["AS (".Length..^1];
        }

        EntityKey key;
        if (asn.Length > 0 && EntityKey.TryParseAs(asn.Split(' ', ',', ';')[0], out var asKey))
        {
            key = asKey;
        }
        else if (region.Length > 0 && EntityKey.TryRegion($"{country}-{region}", out var regionKey))
        {
            key = regionKey;
        }
        else
        {
            key = EntityKey.Country(country);
        }

        return (new TruthInterval(key, start, end, field("cause") is { Length: > 0 } cause ? cause : null), null);
    }

    /// <summary>
    /// IODA's times, as its analysts typed them: "Wednesday, March 17, 2021, 4:40:00 PM" (the weekday
    /// is not checked: some are wrong), and "4/3/2020  15:15:00 PM" (month first, with a 24-hour clock
    /// that still says PM). UTC.
    /// </summary>
    private static bool TryParseIodaTime(string text, out DateTimeOffset at)
    {
        at = default;
        int year, month, day, hour, minute, second;
        string? half;
        if (Written().Match(text) is { Success: true } written)
        {
            if (!DateTime.TryParseExact(written.Groups["month"].Value, "MMMM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var monthName))
            {
                return false;
            }

            (year, month, day) = (Number(written, "year"), monthName.Month, Number(written, "day"));
            (hour, minute, second, half) = (Number(written, "hour"), Number(written, "minute"), Number(written, "second"), written.Groups["half"].Value);
        }
        else if (Numeric().Match(text) is { Success: true } numeric)
        {
            (year, month, day) = (Number(numeric, "year"), Number(numeric, "month"), Number(numeric, "day"));
            (hour, minute, second, half) = (Number(numeric, "hour"), Number(numeric, "minute"), Number(numeric, "second"), numeric.Groups["half"].Value);
        }
        else
        {
            return false;
        }

        // A 12-hour clock when it says so and the hour fits one; "15:15:00 PM" is 15:15.
        if (hour <= 12 && half.Equals("PM", StringComparison.OrdinalIgnoreCase) && hour != 12)
        {
            hour += 12;
        }
        else if (hour == 12 && half.Equals("AM", StringComparison.OrdinalIgnoreCase))
        {
            hour = 0;
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        at = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    private static int Number(Match match, string group) =>
        match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^(?:[A-Za-z]+,\s*)?(?<month>[A-Za-z]+)\s+(?<day>\d{1,2}),\s*(?<year>\d{4}),\s*(?<hour>\d{1,2}):(?<minute>\d{1,2})(?::(?<second>\d{1,2}))?\s*(?<half>AM|PM)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Written();

    [GeneratedRegex(@"^(?<month>\d{1,2})/(?<day>\d{1,2})/(?<year>\d{4})\s+(?<hour>\d{1,2}):(?<minute>\d{1,2})(?::(?<second>\d{1,2}))?\s*(?<half>AM|PM)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Numeric();
}
