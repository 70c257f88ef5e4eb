namespace Grid.Silo.Feeds.Probing;

/// <summary>
/// The clock an echo's send and arrival are both read on: CLOCK_REALTIME in nanoseconds since the
/// Unix epoch, because that is the clock the kernel stamps arriving packets with (socket(7),
/// SIOCGSTAMPNS). Measuring on one clock matters more than the clock: a step of the wall clock
/// between send and reply (NTP) spoils one RTT, which <see cref="RttMilliseconds"/> bounds at zero.
/// </summary>
public static class ProbeClock
{
    private const long NanosecondsPerTick = 100;

    public static long Now() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * NanosecondsPerTick;

    /// <summary>The round trip from <paramref name="sent"/> to <paramref name="arrived"/> (both <see cref="Now"/>), never negative.</summary>
    public static float RttMilliseconds(long sent, long arrived) => Math.Max(0, arrived - sent) / 1e6f;
}
