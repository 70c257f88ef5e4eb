namespace Grid.Testing.Probing;

/// <summary>
/// The probe shards' bins as a test waits on them: they close on multiples of the interval since
/// the Unix epoch (grains/Probing/ProbeBinOptions.cs), on every silo alike.
/// </summary>
public static class BinClock
{
    /// <summary>Waits until <paramref name="after"/> past the next bin boundary: results sent then fall into one bin, or the bin just closed has reached its entities.</summary>
    public static Task NextBinAsync(TimeSpan interval, TimeSpan after)
    {
        var intoBin = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks % interval.Ticks;
        return Task.Delay(TimeSpan.FromTicks(interval.Ticks - intoBin) + after);
    }
}
