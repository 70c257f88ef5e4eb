using System.Globalization;
using Grid.Grains.Countries;
using Grid.Grains.Text;

namespace Grid.Grains.Shutdowns;

/// <summary>
/// Reads Access Now's STOP dataset: the normalized CSV (<c>sheet,country,start_date,end_date,
/// geo_scope,area_name,shutdown_type,shutdown_extent,actual_cause,election,event</c>, ISO dates) or
/// a year's sheet exported as it is (Excel serial dates, each year's own columns, quoted cells that
/// span lines). Columns are found by name, so their order and the sheets' extra columns do not
/// matter. A bad row is named by line and left out; the other rows are read.
/// </summary>
public static class StopCsv
{
    /// <summary>A quoted cell may span lines in the sheets; one still open after this many is a stray quote, not a cell.</summary>
    private const int MostLinesInARow = 60;

    private static readonly HashSet<string> OpenEnds = new(["ongoing", "unknown", "unkown", "n/a", "na", "-"], StringComparer.OrdinalIgnoreCase);

    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);
    private static readonly DateOnly Earliest = new(1990, 1, 1);
    private static readonly DateOnly Latest = new(2100, 12, 31);

    // Each sheet names a column its own way; the first present wins.
    private static readonly string[] TypeColumns = ["shutdown_type", "shutdown_type_new"];
    private static readonly string[] ExtentColumns = ["shutdown_extent", "full or service-based", "shutdown_type_group"];

    public static StopReadResult Read(TextReader reader, string file)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(file);
        var lines = new List<string>();
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lines.Add(line);
        }

        var records = new List<StopRecord>();
        var problems = new List<InputProblem>();
        var notes = new List<InputProblem>();
        var columns = lines.Count == 0 ? [] : CsvLine.Columns(lines[0]);
        if (!columns.Contains("country") || !columns.Contains("start_date"))
        {
            problems.Add(new InputProblem(file, 1, "not a STOP CSV: the header must name at least the columns country and start_date (sheet,country,start_date,end_date,geo_scope,area_name,shutdown_type,shutdown_extent,actual_cause,election,event)"));
            return new StopReadResult(records, problems, notes);
        }

        var index = columns.Select((name, i) => (name, i)).GroupBy(c => c.name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        var sheet = Path.GetFileNameWithoutExtension(file);
        for (var at = 1; at < lines.Count;)
        {
            var first = at;
            var (fields, next) = NextRow(lines, at);
            at = next;
            if (fields is null)
            {
                problems.Add(new InputProblem(file, first + 1, $"a quote opened here is not closed within {MostLinesInARow} lines; the line is left out"));
                continue;
            }

            // A cell that spans lines holds text; a line inside it that reads as a row of its own means
            // the quote was a stray one whose match was another stray quote lines below. Joined, the
            // rows between would be lost without a word: this line is left out and named, and they are read.
            if (next - first > 1 && Enumerable.Range(first + 1, next - first - 1).FirstOrDefault(i => ReadsAlone(lines[i], columns.Count, index, sheet)) is var swallowed and > 0)
            {
                problems.Add(new InputProblem(file, first + 1, $"a quote opened here is still open at line {swallowed + 1}, which is a row of its own; the line is left out: close or double the quote"));
                at = first + 1;
                continue;
            }

            if (fields.All(f => f.Trim().Length == 0))
            {
                continue;
            }

            if (fields.Count > columns.Count)
            {
                problems.Add(new InputProblem(file, first + 1, $"it has {fields.Count} fields where the header has {columns.Count}; quote a cell that holds a comma"));
                continue;
            }

            // The sheets' exports leave a row's empty trailing cells out.
            if (fields.Count < columns.Count)
            {
                notes.Add(new InputProblem(file, first + 1, $"it has {fields.Count} fields where the header has {columns.Count}: the last {columns.Count - fields.Count} are read as empty"));
                fields.AddRange(Enumerable.Repeat("", columns.Count - fields.Count));
            }

            var field = FieldsOf(fields, index);
            var record = ReadRow(field, field(["sheet"]) is { Length: > 0 } named ? named : sheet, first + 1, out var problem);
            if (problem is not null)
            {
                (record is null ? problems : notes).Add(new InputProblem(file, first + 1, problem));
            }

            if (record is not null)
            {
                records.Add(record);
            }
        }

        return new StopReadResult(records, problems, notes);
    }

    /// <summary>A row's cell by the first of its names the header has, trimmed; empty when it has none.</summary>
    private static Func<string[], string> FieldsOf(List<string> fields, Dictionary<string, int> index) =>
        names => names.Select(n => index.TryGetValue(n, out var i) ? fields[i].Trim() : null).FirstOrDefault(v => v is not null) ?? "";

    /// <summary>True when <paramref name="line"/>, split alone, is a row the reader would keep (a known country and a start date).</summary>
    private static bool ReadsAlone(string line, int columns, Dictionary<string, int> index, string sheet)
    {
        var fields = CsvLine.Split(line);
        if (fields.Count > columns)
        {
            return false;
        }

        fields.AddRange(Enumerable.Repeat("", columns - fields.Count));
        return ReadRow(FieldsOf(fields, index), sheet, 0, out _) is not null;
    }

    /// <summary>Reads a date as ISO 8601 (<c>2021-02-14</c>) or as an Excel serial day (<c>44241.0</c>, days since 1899-12-30).</summary>
    public static bool TryParseDate(string text, out DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return date >= Earliest && date <= Latest;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial)
            && serial == Math.Floor(serial)
            && serial >= Earliest.DayNumber - ExcelEpoch.DayNumber && serial <= Latest.DayNumber - ExcelEpoch.DayNumber)
        {
            date = ExcelEpoch.AddDays((int)serial);
            return true;
        }

        date = default;
        return false;
    }

    private static StopRecord? ReadRow(Func<string[], string> field, string sheet, long line, out string? problem)
    {
        problem = null;
        var countryName = field(["country"]);
        if (!InformalCountryNames.TryMap(countryName, out var country))
        {
            problem = countryName.Length == 0 ? "the country is empty" : $"the country '{countryName}' has no ISO code Grid knows; name it as ISO 3166 does";
            return null;
        }

        var startText = field(["start_date"]);
        if (!TryParseDate(startText, out var start))
        {
            problem = $"start_date '{startText}' is not a date from 1990 to 2100: write 2021-02-14 (or an Excel serial day such as 44241)";
            return null;
        }

        var endText = field(["end_date"]);
        DateOnly? end = null;
        // The sheets write an unknown end as a word: "Ongoing", "Unknown", "Unkown".
        if (endText.Length > 0 && !OpenEnds.Contains(endText))
        {
            if (!TryParseDate(endText, out var last))
            {
                problem = $"end_date '{endText}' is not a date: the row is read as lasting its start day";
            }
            else if (last < start)
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"end_date {last:yyyy-MM-dd} is before start_date {start:yyyy-MM-dd}: the row is read as lasting its start day");
            }
            else
            {
                end = last;
            }
        }

        var extent = field(ExtentColumns);
        var cause = field(["actual_cause"]);
        return new StopRecord(
            sheet,
            line,
            countryName,
            country,
            start,
            end,
            StopVocabulary.Scope(field(["geo_scope"]), field(["area_name"])),
            field(["area_name"]),
            StopVocabulary.Type(field(TypeColumns), extent),
            StopVocabulary.Extent(extent),
            StopVocabulary.Cause(cause),
            cause,
            StopVocabulary.Election(field(["election"])),
            field(["event"]));
    }

    /// <summary>The fields of the row that starts at <paramref name="at"/>, joining lines while a quote is open; null when it stays open too long.</summary>
    private static (List<string>? Fields, int Next) NextRow(List<string> lines, int at)
    {
        var text = lines[at];
        var end = at;
        while (QuoteIsOpen(text))
        {
            if (end + 1 >= lines.Count || end - at >= MostLinesInARow)
            {
                return (null, at + 1);
            }

            end++;
            text = string.Concat(text, "\n", lines[end]);
        }

        return (CsvLine.Split(text), end + 1);
    }

    private static bool QuoteIsOpen(string text) => text.Count(c => c == '"') % 2 == 1;
}
