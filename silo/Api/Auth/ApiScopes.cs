namespace Grid.Silo.Api.Auth;

/// <summary>What an API key may do. <c>admin</c> includes the others.</summary>
public static class ApiScopes
{
    /// <summary>Read status, events and history.</summary>
    public const string Read = "read";

    /// <summary>Push data into Grid (outside vantage points' probe results).</summary>
    public const string Ingest = "ingest";

    /// <summary>Manage subscriptions and the election calendar, see deliveries.</summary>
    public const string Admin = "admin";

    /// <summary>
    /// Read the watch calendar's iCalendar feed (<c>GET /v1/watch.ics</c>) and nothing else. Calendar
    /// apps subscribe to a URL and send no headers, so such a key may ride in the URL (<c>?key=</c>):
    /// a URL ends up in logs, histories and shared calendars, and a key that can only read the
    /// calendar gives away only the calendar. A read key grants it too.
    /// </summary>
    public const string Calendar = "calendar";

    /// <summary>Every scope a key may hold.</summary>
    public static readonly string[] All = [Read, Ingest, Admin, Calendar];

    public static bool Grants(IEnumerable<string> held, string wanted) =>
        held.Any(s => string.Equals(s, wanted, StringComparison.OrdinalIgnoreCase)
            || string.Equals(s, Admin, StringComparison.OrdinalIgnoreCase)
            || (string.Equals(wanted, Calendar, StringComparison.OrdinalIgnoreCase) && string.Equals(s, Read, StringComparison.OrdinalIgnoreCase)));

    /// <summary>True when the key holds the calendar scope and no other: the only key that may be sent in a URL.</summary>
    public static bool OnlyCalendar(IEnumerable<string> held) =>
        held.All(s => string.Equals(s, Calendar, StringComparison.OrdinalIgnoreCase)) && held.Any();
}
