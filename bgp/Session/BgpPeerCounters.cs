namespace Grid.Bgp.Session;

/// <summary>A peer's running counts, written by its session and read by the API from any thread.</summary>
internal sealed class BgpPeerCounters
{
    private long _updates;
    private long _announced;
    private long _withdrawn;
    private long _malformed;
    private long _lastMessageTicks;

    public long Updates => Interlocked.Read(ref _updates);

    public long Announced => Interlocked.Read(ref _announced);

    public long Withdrawn => Interlocked.Read(ref _withdrawn);

    public long Malformed => Interlocked.Read(ref _malformed);

    public DateTimeOffset? LastMessageAt => Interlocked.Read(ref _lastMessageTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public void Message(DateTimeOffset at) => Interlocked.Exchange(ref _lastMessageTicks, at.UtcTicks);

    public void Update(int announced, int withdrawn, bool malformed)
    {
        Interlocked.Increment(ref _updates);
        Interlocked.Add(ref _announced, announced);
        Interlocked.Add(ref _withdrawn, withdrawn);
        if (malformed)
        {
            Interlocked.Increment(ref _malformed);
        }
    }
}
