using Grid.Geography;

namespace Grid.Grains.Shutdowns;

/// <summary>
/// Matches Grid's events with STOP's rows. An event and a row match when they name the same
/// country, their times overlap with <see cref="Tolerance"/> either side of the row's days (STOP
/// records local days, Grid UTC instants; a row without an end counts as its start day), and,
/// when the row is regional or local and the event is a region's, the row's area names the region.
/// A country's or an AS's event matches any row of its country; a national row any event of it.
/// </summary>
public static class StopMatching
{
    /// <summary>A day either side: STOP has day resolution in local time, up to 14 hours from UTC.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromDays(1);

    private static readonly HashSet<string> GenericWords = new(
        ["region", "state", "province", "division", "district", "oblast", "governorate", "county", "city", "the", "of", "and"],
        StringComparer.Ordinal);

    /// <summary>Compares over the days <paramref name="from"/> to <paramref name="to"/>; an open event lasts until <paramref name="now"/>.</summary>
    public static StopComparison Compare(IEnumerable<ObservedOutage> events, IEnumerable<StopRecord> rows, DateOnly from, DateOnly to, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(rows);
        var rangeStart = StartOf(from);
        var rangeEnd = StartOf(to.AddDays(1));
        var inRange = events.Where(e => e.Start < rangeEnd && e.EndOr(now) >= rangeStart).OrderBy(e => e.Start).ToList();
        // Later sheets carry an ongoing shutdown again: one row per country, days, area and type.
        var stop = StopRecord.Distinct(rows.Where(r => r.Start <= to && r.LastDay >= from))
            .OrderBy(r => r.Start).ThenBy(r => r.CountryName, StringComparer.Ordinal)
            .ToList();

        var matched = new List<StopMatch>();
        var seen = new HashSet<ObservedOutage>();
        var stopOnly = new List<StopRecord>();
        foreach (var row in stop)
        {
            var overlapping = inRange.Where(e => Matches(row, e, now)).ToList();
            if (overlapping.Count == 0)
            {
                stopOnly.Add(row);
                continue;
            }

            matched.Add(new StopMatch(row, overlapping));
            seen.UnionWith(overlapping);
        }

        return new StopComparison(from, to, matched, [.. inRange.Where(e => !seen.Contains(e))], stopOnly);
    }

    public static bool Matches(StopRecord row, ObservedOutage outage, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(outage);
        if (row.Country != outage.Country || outage.Country == CountryCode.Unknown)
        {
            return false;
        }

        var rowStart = StartOf(row.Start) - Tolerance;
        var rowEnd = StartOf(row.LastDay.AddDays(1)) + Tolerance;
        if (outage.Start >= rowEnd || outage.EndOr(now) <= rowStart)
        {
            return false;
        }

        return row.Scope is not (StopScope.Regional or StopScope.Local)
            || outage.RegionName is not { } region
            || Words(row.AreaName).Length == 0
            || AreaNames(row.AreaName, region);
    }

    /// <summary>True when every distinctive word of the region's name is a word of the area ("Bago" in "Bago Region and Yangon").</summary>
    public static bool AreaNames(string area, string region)
    {
        var wanted = Words(region).Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !GenericWords.Contains(w)).ToList();
        var present = Words(area).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return wanted.Count > 0 && wanted.All(present.Contains);
    }

    private static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Letters and digits in lower case, other runs as one space: "Sagaing’s Pale, Ye-U" is "sagaing s pale ye u".</summary>
    private static string Words(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        return builder.ToString().TrimEnd();
    }
}
