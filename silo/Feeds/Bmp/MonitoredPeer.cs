using System.Net;

namespace Grid.Silo.Feeds.Bmp;

/// <summary>One peer a router reports over BMP, as the station last heard of it; read by <c>/v1/peers</c> from any thread.</summary>
internal sealed class MonitoredPeer(IPAddress address, uint asn)
{
    private long _updates;
    private long _announced;
    private long _withdrawn;

    public IPAddress Address { get; } = address;

    public uint Asn { get; } = asn;

    public volatile string State = "Unknown";

    /// <summary>Went past Grid:Bmp:MaxPrefixesPerPeer: its routes are dropped until its next Peer Down.</summary>
    public volatile bool OverLimit;

    public DateTimeOffset? UpAt { get; set; }

    public DateTimeOffset? LastMessageAt { get; set; }

    public string? LastDown { get; set; }

    public long Updates => Interlocked.Read(ref _updates);

    public long Announced => Interlocked.Read(ref _announced);

    public long Withdrawn => Interlocked.Read(ref _withdrawn);

    public int Ups { get; set; }

    public void Count(int announced, int withdrawn, DateTimeOffset at)
    {
        Interlocked.Increment(ref _updates);
        Interlocked.Add(ref _announced, announced);
        Interlocked.Add(ref _withdrawn, withdrawn);
        LastMessageAt = at;
    }
}
