using System.Globalization;
using Grid.Grains.Elections;
using Grid.Grains.Text;

namespace Grid.Grains.Watch;

/// <summary>
/// Reads the watch calendar's own CSV, for exam, protest and other dates that ElectionGuide does not
/// carry. The header is <c>kind,place,start,end,title,source</c>, optionally followed by
/// <c>beforeDays,afterDays</c>; <c>place</c> is a country (ISO code or name) or a region (<c>KZ-MAN</c>),
/// days are written <c>2026-06-14</c>, and <c>end</c>, <c>title</c>, <c>source</c> and the two
/// window columns may be empty. A malformed row stops the import with its line number, so a
/// hand-made file is corrected rather than half taken; a place no name maps to is reported.
/// </summary>
public static class WatchCsv
{
    public const string Header = "kind,place,start,end,title,source";

    public const string DefaultSource = "csv";

    /// <summary>The optional columns, in this order: they are read by position, so another order would swap them unseen.</summary>
    public const string WindowColumns = "beforeDays,afterDays";

    private static readonly string[] Known = [.. $"{Header},{WindowColumns}".ToLowerInvariant().Split(',')];

    public static bool IsWatchCsv(string firstLine) => Width(firstLine) > 0;

    /// <summary>How many columns the header names (6 to 8), or 0 when it is not the watch CSV's; empty trailing columns (a spreadsheet's) do not count.</summary>
    private static int Width(string firstLine)
    {
        ArgumentNullException.ThrowIfNull(firstLine);
        var columns = CsvLine.Columns(firstLine);
        while (columns.Count > 0 && columns[^1].Length == 0)
        {
            columns.RemoveAt(columns.Count - 1);
        }

        return columns.Count >= 6 && columns.Count <= Known.Length && columns.SequenceEqual(Known.Take(columns.Count)) ? columns.Count : 0;
    }

    public static (List<ElectionEntry> Entries, SortedSet<string> Unmapped) Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine();
        var width = header is null ? 0 : Width(header);
        if (width == 0)
        {
            throw new FormatException($"Not a watch calendar CSV: the first line must be '{Header}' or '{Header},{WindowColumns}'.");
        }

        // A spreadsheet may end the header and every row with the same empty cells; a row may not go past the header.
        var cells = CsvLine.Split(header!).Count;
        var entries = new List<ElectionEntry>();
        var unmapped = new SortedSet<string>(StringComparer.Ordinal);
        var number = 1;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            number++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var f = CsvLine.Split(line);
            if (f.Count < 3)
            {
                throw new FormatException($"Line {number}: a row needs at least kind, place and start.");
            }

            // An unquoted comma in a title would move the rest of the row one column on: title into source, source into beforeDays.
            if (f.Count > cells || f.Skip(width).Any(extra => extra.Trim().Length > 0))
            {
                throw new FormatException($"Line {number}: it has {f.Count} fields where the header names {width}; quote a title or source that holds a comma (\"Exams, grade 12\").");
            }

            var request = new WatchEntryRequest(
                f[0], f[1], null, f[2], Field(f, 3), Field(f, 4), Field(f, 5), Days(f, 6, number), Days(f, 7, number));
            var entry = request.ToEntry(DefaultSource, out var problem, out var unknown);
            if (problem is not null)
            {
                throw new FormatException($"Line {number}: {problem}");
            }

            if (unknown is not null)
            {
                unmapped.Add(unknown);
                continue;
            }

            entries.Add(entry!);
        }

        return (entries, unmapped);
    }

    private static string? Field(List<string> fields, int index) => index < fields.Count && fields[index].Trim().Length > 0 ? fields[index] : null;

    private static int? Days(List<string> fields, int index, int line)
    {
        if (Field(fields, index) is not { } text)
        {
            return null;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days > WatchEntryRequest.MaxWindowDays)
        {
            throw new FormatException($"Line {line}: beforeDays and afterDays must be whole days from 0 to {WatchEntryRequest.MaxWindowDays} (got '{text}').");
        }

        return days;
    }
}
