using System.Globalization;
using Grid.Grains.Detection;
using Microsoft.Extensions.Options;

namespace Grid.Silo.Api.Caching;

/// <summary>
/// How long a status answer stays fresh: until the next evaluation tick (<c>Grid:Detection:Tick</c>),
/// at least one second. Entity grains tick on their own timers, so the tick is taken on wall-clock
/// multiples of its length: a cached answer is at most one tick older than the grain.
/// </summary>
public sealed class StatusFreshness(IOptions<DetectionOptions> detection, TimeProvider time)
{
    private readonly long _tickTicks = Math.Max(TimeSpan.TicksPerSecond, detection.Value.Tick.Ticks);
    private readonly string[] _cacheControls = [.. Enumerable.Range(0, (int)Math.Min(3601, (detection.Value.Tick.Ticks / TimeSpan.TicksPerSecond) + 2)).Select(Format)];

    public int MaxAgeSeconds()
    {
        var now = time.GetUtcNow().UtcTicks;
        var remaining = _tickTicks - (now % _tickTicks);
        return (int)Math.Max(1, remaining / TimeSpan.TicksPerSecond);
    }

    /// <summary>The <c>Cache-Control</c> value (RFC 9111 §5.2.2): shared caches may keep it too, the data is public.</summary>
    public string CacheControl()
    {
        var seconds = MaxAgeSeconds();
        // The values are few (1 to the tick in seconds), so the hot path allocates none of them.
        return seconds < _cacheControls.Length ? _cacheControls[seconds] : Format(seconds);
    }

    private static string Format(int seconds) => string.Create(CultureInfo.InvariantCulture, $"public, max-age={seconds}");
}
