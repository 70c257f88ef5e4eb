namespace Grid.Client.Model;

/// <summary>
/// An item of <c>GET /v1/events</c>, in IODA's outage-feed (CODF) terms plus Grid's own: location
/// (<c>country/BY</c>, <c>asn/6697</c>), start and duration in seconds, status (<c>active</c> or
/// <c>resolved</c>), the deepest fraction below baseline, score, and the datasource that dominated;
/// <c>mechanism</c>: <c>routes-withdrawn</c>, <c>hosts-silent</c>, <c>throttled</c>, <c>mixed</c> or <c>unknown</c>.
/// </summary>
public sealed record OutageEvent(
    string Id,
    string Location,
    string Entity,
    string? Country,
    long Start,
    long Duration,
    string Status,
    double Fraction,
    double Score,
    string Datasource,
    string Level,
    string[] Signals,
    bool Election,
    DateTimeOffset StartTime,
    DateTimeOffset? EndTime,
    string Mechanism = "unknown")
{
    public bool IsActive => Status == "active";

    /// <summary>The entity's name when the server sends one ("Bago Region", "BELTELECOM-AS").</summary>
    public string? Name { get; init; }
}

/// <summary>Which events to list; every part is optional.</summary>
public sealed record EventFilter(string? Country = null, uint? Asn = null, DateTimeOffset? From = null, DateTimeOffset? Until = null, string? Level = null);
