
namespace Grid.Grains.Elections;

/// <summary>The election calendar, one grain keyed <see cref="Key"/>: a few thousand entries, read often, written rarely.</summary>
public interface IElectionCalendarGrain : IGrainWithStringKey
{
    public const string Key = "calendar";

    /// <summary>Entries of one country (ISO code), or all when <paramref name="country"/> is null; by date.</summary>
    Task<ElectionEntry[]> List(string? country);

    /// <summary>Adds entries; an entry with the same country, date and type as one held is a duplicate. Returns how many were new.</summary>
    Task<int> Add(ElectionEntry[] entries);
}
