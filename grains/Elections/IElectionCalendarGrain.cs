namespace Grid.Grains.Elections;

/// <summary>The watch calendar (elections and the other kinds), one grain keyed <see cref="Key"/>: a few thousand entries, read often, written rarely.</summary>
public interface IElectionCalendarGrain : IGrainWithStringKey
{
    public const string Key = "calendar";

    /// <summary>Entries of one country (ISO code), or all when <paramref name="country"/> is null; by date.</summary>
    Task<ElectionEntry[]> List(string? country);

    /// <summary>
    /// Adds entries; an entry with the same place, date, type and kind as one held is a duplicate, and
    /// one dated outside 1900–2100 is not taken (<see cref="ElectionEntry.IsPlausible"/>). Returns how many were new.
    /// </summary>
    Task<int> Add(ElectionEntry[] entries);

    /// <summary>How many entries the calendar holds (at most Grid:Watch:MaxEntries).</summary>
    Task<int> Count();

    /// <summary>Removes the entry whose <see cref="ElectionEntry.Id"/> is <paramref name="id"/>; false when none has it.</summary>
    Task<bool> Remove(string id);
}
