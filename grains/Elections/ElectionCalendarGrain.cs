
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
        foreach (var entry in entries)
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

    private static (string, DateOnly, string) Identity(ElectionEntry e) => (e.Country.ToUpperInvariant(), e.Date, e.Type.ToUpperInvariant());
}
