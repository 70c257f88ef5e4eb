namespace Grid.Client.Model;

/// <summary>
/// An item of <c>GET /v1/events</c>, in IODA's outage-feed (CODF) terms plus Grid's own: location
/// (<c>country/BY</c>, <c>asn/6697</c>), start and duration in seconds, status (<c>active</c> or
/// <c>resolved</c>), the deepest fraction below baseline, score, and the datasource that dominated;
/// the entity's name and the shutdown's mechanism when the server sends them.
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
    string? Name = null,
    string? Mechanism = null)
{
    public bool IsActive => Status == "active";
}

/// <summary>Which events to list; every part is optional.</summary>
public sealed record EventFilter(string? Country = null, uint? Asn = null, DateTimeOffset? From = null, DateTimeOffset? Until = null, string? Level = null);
