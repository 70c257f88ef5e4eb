using Grid.Grains.Elections;

namespace Grid.Grains.Watch;

/// <summary>
/// Which notice an entry is due for at an instant, for one subscriber. Pure, so the three
/// transitions can be checked at any time without waiting days for a window.
/// <list type="bullet">
/// <item><c>watch.opened</c> from the window's start until its end;</item>
/// <item><c>watch.closed</c> after its end, only to a subscriber told of its opening (an import of
/// past elections must not send thousands of closings);</item>
/// <item><c>watch.upcoming</c> within <c>Grid:Watch:UpcomingLead</c> before the start, when the entry
/// qualifies: its risk is high, or, for an entry that cannot be scored, its kind is in <c>Grid:Watch:UpcomingKinds</c>.</item>
/// </list>
/// </summary>
public static class WatchNoticeSchedule
{
    public static string? Due(ElectionEntry entry, ElectionOptions windows, WatchOptions options, DateTimeOffset now, WatchRisk? risk, bool toldOfOpening)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(options);
        var from = windows.WatchFrom(entry);
        var until = windows.WatchUntil(entry);
        if (now >= until)
        {
            return toldOfOpening ? WatchNotice.Closed : null;
        }

        if (now >= from)
        {
            return WatchNotice.Opened;
        }

        return from - now <= options.UpcomingLead && Qualifies(entry, options, risk) ? WatchNotice.Upcoming : null;
    }

    /// <summary>The gate of <c>watch.upcoming</c>: "risk is high" once risks exist; the configured kinds until then.</summary>
    public static bool Qualifies(ElectionEntry entry, WatchOptions options, WatchRisk? risk)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(options);
        return risk is not null ? risk.IsHigh : options.UpcomingKinds.Contains(entry.WatchKind, StringComparer.OrdinalIgnoreCase);
    }
}
