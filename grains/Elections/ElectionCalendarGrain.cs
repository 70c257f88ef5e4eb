namespace Grid.Grains.Elections;

[GrainType("elections")]
public sealed class ElectionCalendarGrain([PersistentState("calendar")] IPersistentState<ElectionCalendarState> state) : Grain, IElectionCalendarGrain
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
        foreach (var entry in entries.Where(e => ElectionEntry.IsPlausible(e.Date)))
        {
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

    private static (string, DateOnly, string) Identity(ElectionEntry e) => (e.Country.ToUpperInvariant(), e.Date, e.Type.ToUpperInvariant());
}
