using System.Globalization;
using Grid.Grains.Text;
using Grid.Grains.Watch;

namespace Grid.Grains.Elections;

/// <summary>
/// Reads ElectionGuide's calendar export (<c>date,country,election,status</c>; dates such as
/// <c>"Aug. 9, 2020"</c>, or <c>None</c> when not set). Rows without a date, cancelled or postponed
/// elections, and elections named in more than <see cref="WatchEntryRequest.MaxText"/> characters are
/// skipped; names that map to no ISO code are reported.
/// </summary>
public static class ElectionGuideCsv
{
    public const string Source = "electionguide";

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static (List<ElectionEntry> Entries, int Skipped, SortedSet<string> Unmapped) Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var entries = new List<ElectionEntry>();
        var unmapped = new SortedSet<string>(StringComparer.Ordinal);
        var skipped = 0;
        var header = reader.ReadLine();
        if (header is null || !header.TrimStart('\uFEFF').StartsWith("date,country", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException("Not an ElectionGuide CSV: the first line must be 'date,country,election,status'.");
        }

        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            var fields = CsvLine.Split(line);
            if (fields.Count < 3)
            {
                skipped++;
                continue;
            }

            // A name longer than the watch calendar keeps is not ElectionGuide's (its longest is 103 characters):
            // it would be stored and repeated in every listing, .ics and notice.
            if (fields[2].Length > WatchEntryRequest.MaxText)
            {
                skipped++;
                continue;
            }

            var status = fields.Count > 3 ? fields[3] : "";
            if (!TryParseDate(fields[0], out var date) || !ElectionEntry.IsPlausible(date) || status.Contains("Cancel", StringComparison.OrdinalIgnoreCase) || status.Contains("Postpone", StringComparison.OrdinalIgnoreCase))
            {
                skipped++;
                continue;
            }

            if (!ElectionCountryNames.TryMap(fields[1], out var country))
            {
                unmapped.Add(fields[1]);
                skipped++;
                continue;
            }

            entries.Add(new ElectionEntry(country.ToString(), date, fields[2], Source));
        }

        return (entries, skipped, unmapped);
    }

    /// <summary>"Aug. 9, 2020", "June 8, 2023", "Sept. 11, 2016"; also ISO "2020-08-09".</summary>
    public static bool TryParseDate(string text, out DateOnly date)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }

        var parts = text.Replace(".", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 3 && parts[0].Length >= 3
            && Array.IndexOf(Months, parts[0][..3].ToLowerInvariant()) is var month and >= 0
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && year is >= 1 and <= 9999
            && day >= 1 && day <= DateTime.DaysInMonth(year, month + 1))
        {
            date = new DateOnly(year, month + 1, day);
            return true;
        }

        date = default;
        return false;
    }
}
