using Grid.Grains.Elections;
using Grid.Grains.Watch;

namespace Grid.Silo.Api.V1.Watch;

/// <summary>
/// An entry of <c>GET /v1/watch</c>: what, where, when, its watch window and whether it is open now,
/// and its <see cref="Risk"/> as the registered <see cref="IWatchRiskScorer"/> gives it (null while none scores).
/// </summary>
public sealed record WatchListing(
    string Id,
    string Kind,
    string Country,
    string? Region,
    DateOnly Start,
    DateOnly End,
    string Title,
    string Source,
    DateTimeOffset WatchFrom,
    DateTimeOffset WatchUntil,
    bool WatchedNow,
    WatchRisk? Risk)
{
    public static WatchListing Of(ElectionEntry entry, ElectionOptions windows, DateTimeOffset now, WatchRisk? risk)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(windows);
        return new(entry.Id, entry.WatchKind, entry.Country, entry.Region, entry.Date, entry.LastDay, entry.Type, entry.Source,
            windows.WatchFrom(entry), windows.WatchUntil(entry), windows.Watches(entry, now), risk);
    }
}
