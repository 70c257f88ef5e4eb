using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Grid.Grains.Watch;

namespace Grid.Grains.Elections;

/// <summary>
/// One entry of the watch calendar: the country (ISO code), the first day, what it is (for an
/// election, what is elected), and where the entry came from. Named for the calendar's first kind;
/// the fields from <see cref="Kind"/> on came with exams, protests and referendums, so an entry
/// stored before them (all four null) is an election of one day in its country with the election window.
/// </summary>
[GenerateSerializer, Alias("grid.ElectionEntry")]
public sealed record ElectionEntry([property: Id(0)] string Country, [property: Id(1)] DateOnly Date, [property: Id(2)] string Type, [property: Id(3)] string Source)
{
    /// <summary>The first day an entry may name: ElectionGuide's calendar starts in 1993, history well after 1900.</summary>
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);

    /// <summary>The last day an entry may name; a watch window around it stays far from <see cref="DateTimeOffset.MaxValue"/>.</summary>
    public static readonly DateOnly LatestDate = new(2100, 12, 31);

    /// <summary>The kind (<see cref="WatchKinds"/>); null for an election, so stored elections and new ones compare equal.</summary>
    [Id(4)]
    public string? Kind { get; init; }

    /// <summary>The last day, when the entry spans several (an exam season); null for one day.</summary>
    [Id(5)]
    public DateOnly? EndDate { get; init; }

    /// <summary>The region key (<c>KZ-MAN</c>) when the entry concerns one region of <see cref="Country"/>; null for the whole country.</summary>
    [Id(6)]
    public string? Region { get; init; }

    /// <summary>The entry's own lead before its first day; null takes its kind's default (Grid:Watch, Grid:Elections).</summary>
    [Id(7)]
    public TimeSpan? WatchBefore { get; init; }

    /// <summary>The entry's own tail after its last day; null takes its kind's default.</summary>
    [Id(8)]
    public TimeSpan? WatchAfter { get; init; }

    /// <summary>The kind, never null.</summary>
    public string WatchKind => Kind ?? WatchKinds.Election;

    /// <summary>The last day of the entry (its first for a one-day entry).</summary>
    public DateOnly LastDay => EndDate is { } end && end > Date ? end : Date;

    /// <summary>True when the entry concerns <paramref name="entityKey"/>: a country entry every entity of its country, a region entry only that region.</summary>
    public bool Concerns(string entityKey) => Region is null || string.Equals(Region, entityKey, StringComparison.OrdinalIgnoreCase);

    /// <summary>True for a day from 1900 through 2100; the API refuses others, the calendar skips them.</summary>
    public static bool IsPlausible(DateOnly date) => date >= EarliestDate && date <= LatestDate;

    /// <summary>
    /// A stable handle for <c>DELETE /v1/elections/{id}</c> and <c>/v1/watch/{id}</c>: place, day and a
    /// short hash of the type (and of the kind, for other kinds than elections; the fields that make an
    /// entry a duplicate), e.g. <c>BY-2020-08-09-3f2a9c1e</c>. Any date gets one, so an entry that
    /// should never have been stored can still be removed.
    /// </summary>
    public string Id
    {
        get
        {
            var what = Kind is null ? Type.ToUpperInvariant() : $"{Kind.ToUpperInvariant()}\n{Type.ToUpperInvariant()}";
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(what));
            return string.Create(CultureInfo.InvariantCulture, $"{(Region ?? Country).ToUpperInvariant()}-{Date:yyyy-MM-dd}-{Convert.ToHexStringLower(hash, 0, 4)}");
        }
    }
}
