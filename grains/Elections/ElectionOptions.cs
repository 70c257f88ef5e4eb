using Grid.Grains.Watch;

namespace Grid.Grains.Elections;

/// <summary>
/// Watch windows: elections' from configuration section <c>Grid:Elections</c>, other kinds' from
/// <c>Grid:Watch</c> (<see cref="UseWatch"/>), an entry's own lead and tail before either.
/// </summary>
public sealed class ElectionOptions
{
    public const string Section = "Grid:Elections";

    private WatchOptions _watch = new();

    /// <summary>The watch opens this long before election day (shutdowns often start on the eve, as in Belarus 2020).</summary>
    public TimeSpan Before { get; set; } = TimeSpan.FromDays(3);

    /// <summary>And closes this long after it: post-election protests bring the longest shutdowns.</summary>
    public TimeSpan After { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Takes the windows of the other kinds from <c>Grid:Watch</c> (not a bound property, so Grid:Elections cannot set them).</summary>
    public void UseWatch(WatchOptions watch) => _watch = watch ?? throw new ArgumentNullException(nameof(watch));

    /// <summary>True when <paramref name="at"/> lies in the watch window of <paramref name="entry"/> (its first day at 00:00 UTC as the anchor).</summary>
    public bool Watches(ElectionEntry entry, DateTimeOffset at) => at >= WatchFrom(entry) && at < WatchUntil(entry);

    /// <summary>When the watch of <paramref name="entry"/> opens; saturates at <see cref="DateTimeOffset.MinValue"/>.</summary>
    public DateTimeOffset WatchFrom(ElectionEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var before = entry.WatchBefore ?? (entry.Kind is null ? Before : _watch.BeforeFor(entry.WatchKind));
        return Saturating(Day(entry.Date), -before.Ticks);
    }

    /// <summary>When the watch of <paramref name="entry"/> closes (the end of its last day plus <see cref="After"/> or its kind's); saturates at <see cref="DateTimeOffset.MaxValue"/>.</summary>
    public DateTimeOffset WatchUntil(ElectionEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var after = entry.WatchAfter ?? (entry.Kind is null ? After : _watch.AfterFor(entry.WatchKind));
        return Saturating(Saturating(Day(entry.LastDay), TimeSpan.TicksPerDay), after.Ticks);
    }

    private static DateTimeOffset Day(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>
    /// <paramref name="at"/> moved by <paramref name="ticks"/>, held at the ends of the calendar
    /// instead of throwing: a stored day of 0001-01-01 or 9999-12-31 (or a huge setting) must not
    /// stop every detection tick that asks whether it is watched.
    /// </summary>
    private static DateTimeOffset Saturating(DateTimeOffset at, long ticks)
    {
        var room = ticks >= 0 ? DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks : at.UtcTicks - DateTimeOffset.MinValue.UtcTicks;
        if (ticks == long.MinValue || Math.Abs(ticks) > room)
        {
            return ticks >= 0 ? DateTimeOffset.MaxValue : DateTimeOffset.MinValue;
        }

        return at.AddTicks(ticks);
    }
}
