using Grid.Runtime;

namespace Grid.Grains.Detection;

/// <summary>
/// Every entity's events in one queryable log (key <see cref="Key"/>), fed by the entity grains
/// that own them; the entity grains' state stays the source of truth.
/// </summary>
public interface IEventLogGrain : IGrainWithStringKey
{
    public const string Key = "world";

    /// <summary>Adds or replaces an event (by id): entities send it when it opens, changes level, is scored, and closes.</summary>
    Task Record(OutageEvent[] events);

    Task<EventPage> Query(EventQuery query);
}

/// <summary>
/// Filters of <c>GET /v1/events</c>; null means any. Pages count from 1; <see cref="Offset"/>, when
/// given, replaces the page's start (cursor paging). <see cref="Open"/> keeps only open (true) or closed (false) events.
/// </summary>
public sealed record EventQuery(string? Country, string? Entity, DateTimeOffset? From, DateTimeOffset? Until, string? Level, int Page, int PageSize, bool? Open = null, int? Offset = null);

public sealed record EventPage(int Page, int PageSize, int Total, OutageEvent[] Items);
