namespace Grid.Grains.Watch;

/// <summary>The notices of the watch calendar a subscriber can opt in to (issue 20, item 4).</summary>
public static class WatchNotice
{
    /// <summary>A window that qualifies (see <see cref="WatchNoticeSchedule"/>) opens within <c>Grid:Watch:UpcomingLead</c>.</summary>
    public const string Upcoming = "watch.upcoming";

    /// <summary>A window is open.</summary>
    public const string Opened = "watch.opened";

    /// <summary>A window whose opening the subscriber was told of has closed.</summary>
    public const string Closed = "watch.closed";
}
