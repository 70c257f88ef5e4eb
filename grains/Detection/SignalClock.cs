namespace Grid.Grains.Detection;

/// <summary>
/// The silo's newest event time: the latest instant any signal reported here. Detection runs on
/// this clock, not the wall clock, so a replayed 2011 file is judged in 2011; a quiet entity still
/// moves on when other entities' data moves the clock. Only when the feeds are live (the clock is
/// within <see cref="DetectionOptions.LiveLag"/> of the wall clock) does the wall clock take over,
/// so that an entity whose routes all vanished is still evaluated while nothing arrives for it.
/// </summary>
public sealed class SignalClock(TimeProvider time)
{
    private long _latestTicks = long.MinValue;

    public SignalClock()
        : this(TimeProvider.System)
    {
    }

    public DateTimeOffset? Latest => Interlocked.Read(ref _latestTicks) is var ticks && ticks == long.MinValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);

    public void Observe(DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        for (var seen = Interlocked.Read(ref _latestTicks); ticks > seen; seen = Interlocked.Read(ref _latestTicks))
        {
            if (Interlocked.CompareExchange(ref _latestTicks, ticks, seen) == seen)
            {
                return;
            }
        }
    }

    /// <summary>How far evaluation may go now: the newest event time, or the wall clock while feeds are live.</summary>
    public DateTimeOffset? Target(TimeSpan liveLag)
    {
        var now = time.GetUtcNow();
        return Latest is { } latest && now - latest <= liveLag && now > latest ? now : Latest;
    }
}
