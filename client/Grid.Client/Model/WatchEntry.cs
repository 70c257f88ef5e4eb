namespace Grid.Client.Model;

/// <summary>
/// An entry of <c>GET /v1/watch</c>: an election, exam, protest, referendum or other date, its watch
/// window, whether Grid watches it now, and its risk (null until the server scores entries).
/// </summary>
public sealed record WatchEntry(
    string Id,
    string Kind,
    string Country,
    string? Region,
    DateOnly Start,
    DateOnly End,
    string Title,
    string Source,
    DateTimeOffset WatchFrom,
    DateTimeOffset WatchUntil,
    bool WatchedNow,
    WatchRisk? Risk);

/// <summary>An entry's risk as the server scores it: level, score, the parts of the score, and the reasons.</summary>
public sealed record WatchRisk(string Level, double Score, IReadOnlyDictionary<string, double> Parts, string[] Reasons);

/// <summary>A new entry of <c>POST /v1/watch</c>: <c>Country</c> an ISO code or name, or <c>Region</c> a key such as KZ-MAN; days as 2026-06-14.</summary>
public sealed record NewWatchEntry(string Kind, string? Country, string? Region, string Start, string? End = null, string? Title = null, string? Source = null, int? BeforeDays = null, int? AfterDays = null);

/// <summary>What <c>POST /v1/watch</c> did.</summary>
public sealed record WatchImport(int Added, int Duplicates, int Skipped, string[] UnmappedCountries);

/// <summary>Filters of <c>GET /v1/watch</c>: a horizon in days, a country, a kind.</summary>
public sealed record WatchFilter(int? UpcomingDays = null, string? Country = null, string? Kind = null);
