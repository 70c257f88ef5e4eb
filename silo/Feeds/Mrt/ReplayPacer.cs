using System.Diagnostics;

namespace Grid.Silo.Feeds.Mrt;

/// <summary>
/// Paces a replay: with speed 0 as fast as possible; with speed N, N seconds of recorded time per
/// second of wall time (60 replays an hour of updates in a minute), so detection sees a shutdown
/// unfold as it did. While it waits, recorded time goes on passing (<see cref="Now"/>): the hours
/// of a shutdown without a single update are hours of darkness, and detection must see them pass.
/// </summary>
internal sealed class ReplayPacer(double speed)
{
    private readonly Stopwatch _wall = new();
    private DateTimeOffset? _firstEvent;

    /// <summary>The recorded time the replay has reached by the wall clock; null before the first event, or when unpaced.</summary>
    public DateTimeOffset? Now => speed > 0 && _firstEvent is { } first ? first + TimeSpan.FromTicks((long)(_wall.Elapsed.Ticks * speed)) : null;

    /// <summary>How long to wait before <paramref name="eventTime"/> is due; zero when it already is.</summary>
    public TimeSpan DueIn(DateTimeOffset eventTime)
    {
        if (speed <= 0)
        {
            return TimeSpan.Zero;
        }

        if (_firstEvent is null)
        {
            _firstEvent = eventTime;
            _wall.Start();
            return TimeSpan.Zero;
        }

        var due = TimeSpan.FromTicks((long)((eventTime - _firstEvent.Value).Ticks / speed)) - _wall.Elapsed;
        return due > TimeSpan.FromMilliseconds(1) ? due : TimeSpan.Zero;
    }
}
