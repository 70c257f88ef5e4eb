using System.Globalization;

namespace Grid.Silo.Api.V1.Watch;

/// <summary>
/// The watch calendar as an iCalendar object (RFC 5545): one VEVENT per entry, an all-day event
/// from its first day to the day after its last (DTEND is exclusive, §3.6.1), its kind as
/// CATEGORIES, and its watch window and source in DESCRIPTION. METHOD:PUBLISH makes DTSTAMP the
/// time this copy was made (§3.8.7.2), which is when it is served.
/// </summary>
public static class WatchIcs
{
    public const string MediaType = "text/calendar";

    public const string ProductId = "-//Grid//Watch calendar//EN";

    public static string Write(IEnumerable<WatchListing> entries, DateTimeOffset now, string host)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var lines = new ICalendarLines()
            .Raw("BEGIN", "VCALENDAR")
            .Raw("VERSION", "2.0")
            .Text("PRODID", ProductId)
            .Raw("CALSCALE", "GREGORIAN")
            .Raw("METHOD", "PUBLISH")
            .Text("X-WR-CALNAME", "Grid watch calendar");
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        foreach (var e in entries)
        {
            var place = e.Region ?? e.Country;
            lines.Raw("BEGIN", "VEVENT")
                // Globally unique (§3.8.4.7): the entry's id is unique in this calendar, the host makes it unique beyond.
                .Text("UID", $"{e.Id}@{host}")
                .Raw("DTSTAMP", stamp)
                .Raw("DTSTART;VALUE=DATE", Day(e.Start))
                .Raw("DTEND;VALUE=DATE", Day(e.End.AddDays(1)))
                .Text("SUMMARY", $"{place}: {e.Title} ({e.Kind})")
                .Raw("CATEGORIES", ICalendarLines.Escape(e.Kind.ToUpperInvariant()))
                .Text("LOCATION", place)
                .Text("DESCRIPTION", string.Create(CultureInfo.InvariantCulture,
                    $"Grid watches {place} from {e.WatchFrom:yyyy-MM-dd HH:mm} UTC until {e.WatchUntil:yyyy-MM-dd HH:mm} UTC.\nSource: {e.Source}"))
                .Raw("TRANSP", "TRANSPARENT")
                .Raw("END", "VEVENT");
        }

        return lines.Raw("END", "VCALENDAR").ToString();
    }

    private static string Day(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
