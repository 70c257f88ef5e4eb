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

    public static bool IsWatchCsv(string firstLine) => firstLine.TrimStart('\uFEFF').Trim().StartsWith(Header, StringComparison.OrdinalIgnoreCase);

    public static (List<ElectionEntry> Entries, SortedSet<string> Unmapped) Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine();
        if (header is null || !IsWatchCsv(header))
        {
            throw new FormatException($"Not a watch calendar CSV: the first line must be '{Header}' (optionally ',beforeDays,afterDays').");
        }

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
