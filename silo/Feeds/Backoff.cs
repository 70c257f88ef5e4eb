namespace Grid.Silo.Feeds;

/// <summary>Exponential backoff with full jitter (AWS architecture blog), so silos that lost the same server do not return in step.</summary>
internal sealed class Backoff(TimeSpan initial, TimeSpan max)
{
    private int _attempt;

    public TimeSpan Next()
    {
        var ceiling = Math.Min(max.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, Math.Min(_attempt++, 20)));
        return TimeSpan.FromMilliseconds((ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2));
    }

    public void Reset() => _attempt = 0;
}
