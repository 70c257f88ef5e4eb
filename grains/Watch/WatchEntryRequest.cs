using System.Globalization;
using Grid.Grains.Elections;

namespace Grid.Grains.Watch;

/// <summary>
/// One calendar entry as a client writes it (JSON of <c>POST /v1/watch</c>, a row of the watch CSV):
/// <c>kind</c>, <c>country</c> or <c>region</c>, <c>start</c> (and <c>end</c>) days, <c>title</c>,
/// <c>source</c>, and optionally the entry's own <c>beforeDays</c>/<c>afterDays</c>.
/// </summary>
public sealed record WatchEntryRequest(
    string? Kind,
    string? Country,
    string? Region,
    string? Start,
    string? End,
    string? Title,
    string? Source,
    int? BeforeDays,
    int? AfterDays)
{
    /// <summary>The longest lead or tail an entry may ask for: a window is about days, not seasons.</summary>
    public const int MaxWindowDays = 90;

    /// <summary>The longest an entry may span (an exam season of several weeks).</summary>
    public const int MaxSpanDays = 366;

    /// <summary>The longest title, source and place (country name or region key) kept.</summary>
    public const int MaxText = 200;

    /// <summary>
    /// The entry, or the problem that says what to send instead. A place no name maps to is not an
    /// error: <paramref name="unmapped"/> names it, as ElectionGuide's import reports its names.
    /// </summary>
    public ElectionEntry? ToEntry(string defaultSource, out string? problem, out string? unmapped)
    {
        problem = null;
        unmapped = null;
        if (!WatchKinds.TryParse(Kind ?? WatchKinds.Election, out var kind))
        {
            problem = $"kind '{Kind}' is not one of {string.Join(", ", WatchKinds.All)}.";
            return null;
        }

        var place = Region ?? Country;
        if (string.IsNullOrWhiteSpace(place))
        {
            problem = "each entry needs 'country' (an ISO code such as BY, or a name) or 'region' (its country, a hyphen and its code, such as KZ-MAN).";
            return null;
        }

        // Region keys and country names are short; an unbounded one would be stored, listed, put in the
        // .ics UID and in every notice (a 4 MB region per entry, 20,000 entries).
        if (place.Length > MaxText)
        {
            problem = $"'country' and 'region' hold at most {MaxText} characters: an ISO code such as BY, a country's name, or a region key such as KZ-MAN.";
            return null;
        }

        var parsed = WatchPlace.TryParse(place, out var country, out var region);
        if (!parsed || (Region is not null && region is null))
        {
            if (Region is not null)
            {
                problem = $"region '{Region}' is not a region key: write its country, a hyphen and its code, such as KZ-MAN (GET /v1/regions?country=KZ lists them).";
                return null;
            }

            unmapped = place.Trim();
            return null;
        }

        // A region is placed by its own country: a 'country' beside it that names another was
        // silently dropped, and the entry watched a place its writer did not mean.
        if (Region is not null && !string.IsNullOrWhiteSpace(Country)
            && (!WatchPlace.TryParse(Country, out var named, out var namedRegion) || namedRegion is not null || named != country))
        {
            problem = $"region '{Region}' is in {country}, which 'country' ('{Country}') does not name: give the region alone, or with its own country.";
            return null;
        }

        if (!TryDay(Start, "start", out var start, out problem))
        {
            return null;
        }

        DateOnly? end = null;
        if (!string.IsNullOrWhiteSpace(End))
        {
            if (!TryDay(End, "end", out var last, out problem))
            {
                return null;
            }

            if (last < start || last.DayNumber - start.DayNumber >= MaxSpanDays)
            {
                problem = $"end {last:yyyy-MM-dd} must be on or after start {start:yyyy-MM-dd} and within {MaxSpanDays} days of it; add one entry per season.";
                return null;
            }

            end = last == start ? null : last;
        }

        if (BeforeDays is < 0 or > MaxWindowDays || AfterDays is < 0 or > MaxWindowDays)
        {
            problem = $"beforeDays and afterDays must be whole days from 0 to {MaxWindowDays}; leave them out for the kind's default window.";
            return null;
        }

        if (Title?.Length > MaxText || Source?.Length > MaxText)
        {
            problem = $"title and source hold at most {MaxText} characters.";
            return null;
        }

        var title = string.IsNullOrWhiteSpace(Title) ? kind : Title.Trim();
        return new ElectionEntry(country, start, title, string.IsNullOrWhiteSpace(Source) ? defaultSource : Source.Trim())
        {
            Kind = kind == WatchKinds.Election ? null : kind,
            EndDate = end,
            Region = region,
            WatchBefore = BeforeDays is { } before ? TimeSpan.FromDays(before) : null,
            WatchAfter = AfterDays is { } after ? TimeSpan.FromDays(after) : null,
        };
    }

    private static bool TryDay(string? text, string field, out DateOnly day, out string? problem)
    {
        problem = null;
        if (!DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            problem = $"'{field}' must be a day written 2026-06-14 (got '{text}').";
            return false;
        }

        if (!ElectionEntry.IsPlausible(day))
        {
            problem = $"{field} {day:yyyy-MM-dd} is outside the years Grid takes: give a day from {ElectionEntry.EarliestDate:yyyy-MM-dd} to {ElectionEntry.LatestDate:yyyy-MM-dd}.";
            return false;
        }

        return true;
    }
}
