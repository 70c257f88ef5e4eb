namespace Grid.Grains.Elections;

/// <summary>Election watch; configuration section <c>Grid:Elections</c>.</summary>
public sealed class ElectionOptions
{
    public const string Section = "Grid:Elections";

    /// <summary>The watch opens this long before election day (shutdowns often start on the eve, as in Belarus 2020).</summary>
    public TimeSpan Before { get; set; } = TimeSpan.FromDays(3);

    /// <summary>And closes this long after it: post-election protests bring the longest shutdowns.</summary>
    public TimeSpan After { get; set; } = TimeSpan.FromDays(7);

    /// <summary>True when <paramref name="at"/> lies in the watch window of <paramref name="entry"/> (election day at 00:00 UTC as the anchor).</summary>
    public bool Watches(ElectionEntry entry, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var day = new DateTimeOffset(entry.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return at >= day - Before && at < day + TimeSpan.FromDays(1) + After;
    }
}
