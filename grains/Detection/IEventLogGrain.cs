
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
