using Grid.Grains.Watch;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Elections;

/// <summary>The watch calendar (elections, exams, protests, referendums); its grain type and state name are those of the election calendar it grew from, so stored calendars load.</summary>
[GrainType("elections")]
public sealed class ElectionCalendarGrain([PersistentState("calendar")] IPersistentState<ElectionCalendarState> state, IOptions<WatchOptions> watch) : Grain, IElectionCalendarGrain
{
    public Task<ElectionEntry[]> List(string? country) => Task.FromResult(state.State.Entries
        .Where(e => country is null || string.Equals(e.Country, country, StringComparison.OrdinalIgnoreCase))
        .OrderBy(e => e.Date)
        .ThenBy(e => e.Country, StringComparer.Ordinal)
        .ToArray());

    public async Task<int> Add(ElectionEntry[] entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var held = state.State.Entries.Select(Identity).ToHashSet();
        var added = 0;
        // The API refuses such dates with 400; a caller that bypasses it (a client of the cluster) must not store them either.
        foreach (var entry in entries.Where(e => ElectionEntry.IsPlausible(e.Date) && ElectionEntry.IsPlausible(e.LastDay)))
        {
            // The API refuses a batch that would pass the cap; here the cap only holds.
            if (state.State.Entries.Count >= watch.Value.MaxEntries)
            {
                break;
            }

            if (held.Add(Identity(entry)))
            {
                state.State.Entries.Add(entry);
                added++;
            }
        }

        if (added > 0)
        {
            await state.WriteStateAsync();
        }

        return added;
    }

    public async Task<bool> Remove(string id)
    {
        var removed = state.State.Entries.RemoveAll(e => string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase));
        if (removed > 0)
        {
            await state.WriteStateAsync();
        }

        return removed > 0;
    }

    public Task<int> Count() => Task.FromResult(state.State.Entries.Count);

    private static (string, DateOnly, string, string) Identity(ElectionEntry e) =>
        ((e.Region ?? e.Country).ToUpperInvariant(), e.Date, e.Type.ToUpperInvariant(), e.WatchKind);
}
