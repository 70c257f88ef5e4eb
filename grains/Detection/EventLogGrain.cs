
namespace Grid.Grains.Detection;

[GrainType("eventlog")]
public sealed class EventLogGrain([PersistentState("events")] IPersistentState<EventLogState> state) : Grain, IEventLogGrain
{
    /// <summary>The newest events kept; older ones remain in their entities' state.</summary>
    private const int Kept = 10_000;

    public async Task Record(OutageEvent[] events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var outage in events)
        {
            state.State.Events[outage.Id] = outage;
        }

        if (state.State.Events.Count > Kept)
        {
            foreach (var old in state.State.Events.Values.OrderBy(e => e.Start).Take(state.State.Events.Count - Kept).ToList())
            {
                state.State.Events.Remove(old.Id);
            }
        }

        await state.WriteStateAsync();
    }

    public Task<EventPage> Query(EventQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var matches = state.State.Events.Values
            .Where(e => query.Country is null || string.Equals(e.Country, query.Country, StringComparison.OrdinalIgnoreCase))
            .Where(e => query.Entity is null || string.Equals(e.Entity, query.Entity, StringComparison.OrdinalIgnoreCase))
            // An event overlaps [From, Until]: it ended after From (or is open) and began before Until.
            .Where(e => query.From is null || (e.End ?? DateTimeOffset.MaxValue) >= query.From)
            .Where(e => query.Until is null || e.Start <= query.Until)
            .Where(e => query.Open is null || (e.End is null) == query.Open)
            .Where(e => query.Level is null || e.Level >= query.Level)
            .OrderByDescending(e => e.Start)
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
        var items = matches.Skip(query.Offset ?? ((query.Page - 1) * query.PageSize)).Take(query.PageSize).ToArray();
        return Task.FromResult(new EventPage(query.Page, query.PageSize, matches.Count, items));
    }
}
