using System.Globalization;
using System.Text.RegularExpressions;
using Grid.Grains.Entities;
using Grid.Grains.Text;

namespace Grid.Grains.Backtesting;

/// <summary>
/// Series as CSV with the header <c>time,entity,signal,value</c> (any column order, more columns
/// ignored): <c>time</c> in ISO 8601 (UTC unless it says its offset) or Unix seconds, <c>entity</c>
/// as <see cref="SeriesEntity"/> reads it, <c>signal</c> a name, <c>value</c> a number (rounded to a
/// whole count, as every Grid signal is). Rows need not be sorted. A bad row is left out with its
/// line and reason, and reading goes on.
/// </summary>
public static partial class SeriesCsv
{
    public const string Header = "time,entity,signal,value";

    /// <summary>Reads every row of <paramref name="reader"/>; <paramref name="file"/> names it in problems.</summary>
    public static List<SeriesPoint> Read(TextReader reader, string file, List<InputProblem> problems, Action<long>? progress = null) =>
        Read(reader, file, problems, lines: null, progress);

    /// <summary>
    /// As <see cref="Read(TextReader, string, List{InputProblem}, Action{long}?)"/>; <paramref name="lines"/>
    /// gets the line of each point read, and reading stops after <paramref name="maxRows"/> data rows
    /// (one problem names the line where it stopped).
    /// </summary>
    public static List<SeriesPoint> Read(TextReader reader, string file, List<InputProblem> problems, List<long>? lines, Action<long>? progress = null, int maxRows = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(problems);
        var points = new List<SeriesPoint>();
        var header = reader.ReadLine();
        if (header is null)
        {
            problems.Add(new InputProblem(file, 1, $"the file is empty; a series starts with the header {Header}"));
            return points;
        }

        var columns = CsvLine.Columns(header);
        int time = columns.IndexOf("time"), entity = columns.IndexOf("entity"), signal = columns.IndexOf("signal"), value = columns.IndexOf("value");
        if (time < 0 || entity < 0 || signal < 0 || value < 0)
        {
            problems.Add(new InputProblem(file, 1, $"the header is '{header}'; a series needs the columns {Header}"));
            return points;
        }

        var width = new[] { time, entity, signal, value }.Max() + 1;
        var entities = new Dictionary<string, (EntityKey Key, string Problem)>(StringComparer.Ordinal);
        long line = 1;
        var rows = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if ((line & 0xFFFF) == 0)
            {
                progress?.Invoke(line);
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (rows++ == maxRows)
            {
                problems.Add(new InputProblem(file, line, $"more than {maxRows:N0} rows: this row and the ones after it were not read; send them in another request"));
                break;
            }

            var fields = text.Contains('"', StringComparison.Ordinal) ? CsvLine.Split(text) : [.. text.Split(',')];
            if (fields.Count < width)
            {
                problems.Add(new InputProblem(file, line, $"{fields.Count} columns where the header has {columns.Count}"));
                continue;
            }

            if (!TryParseTime(fields[time].Trim(), out var at))
            {
                problems.Add(new InputProblem(file, line, $"'{fields[time]}' is not a time: write ISO 8601 (2021-02-15T01:00:00+06:30, or UTC without an offset) or Unix seconds"));
                continue;
            }

            var name = fields[entity].Trim();
            if (!entities.TryGetValue(name, out var parsed))
            {
                entities[name] = parsed = SeriesEntity.TryParse(name, out var key, out var problem) ? (key, "") : (default, problem);
            }

            if (parsed.Problem.Length > 0)
            {
                problems.Add(new InputProblem(file, line, parsed.Problem));
                continue;
            }

            var signalName = fields[signal].Trim();
            if (SignalProblem(signalName) is { } bad)
            {
                problems.Add(new InputProblem(file, line, bad));
                continue;
            }

            if (!double.TryParse(fields[value].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || Count(number) is not { } count)
            {
                problems.Add(new InputProblem(file, line, $"'{fields[value]}' is not a number: write it with a point for decimals, as 12 or 0.75"));
                continue;
            }

            points.Add(new SeriesPoint(at, parsed.Key, signalName, count));
            lines?.Add(line);
        }

        progress?.Invoke(line);
        return points;
    }

    /// <summary>A value as the whole count every Grid signal is; null when it is not finite or too large to hold.</summary>
    public static long? Count(double number) =>
        double.IsFinite(number) && Math.Abs(number) <= long.MaxValue / 2 ? (long)Math.Round(number, MidpointRounding.AwayFromZero) : null;

    /// <summary>Null when <paramref name="signal"/> may be recorded by name; else what is wrong with it.</summary>
    public static string? SignalProblem(string signal)
    {
        if (!SignalName().IsMatch(signal))
        {
            return $"'{signal}' is not a signal name: use letters, digits, '-', '_' or '.', at most 64 (answers, probes, ioda-ping)";
        }

        return EntitySignals.IsComputed(signal)
            ? $"'{signal}' is counted from routes and cannot be given as a series: give it another name, such as {signal}-series, and judge it like BGP with --signal {signal}-series=bgp"
            : null;
    }

    /// <summary>ISO 8601 (UTC unless an offset is given) or Unix seconds, with or without a fraction.</summary>
    public static bool TryParseTime(string text, out DateTimeOffset at)
    {
        // Unix seconds are digits with an optional fraction; ISO 8601 has '-' after its year.
        if (UnixSeconds().IsMatch(text))
        {
            var seconds = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            at = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at);
    }

    [GeneratedRegex(@"^[0-9]{1,11}(\.[0-9]{1,9})?$")]
    private static partial Regex UnixSeconds();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex SignalName();
}
