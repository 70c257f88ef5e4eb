using System.Runtime.InteropServices;
using Grid.Bgp.Model;

namespace Grid.Bgp.Mrt.Model;

/// <summary>
/// A RIB record: one prefix and the routes peers hold for it. TABLE_DUMP_V2 RIB subtypes carry
/// many routes (RFC 6396 §4.3.2-4.3.4); a TABLE_DUMP record carries one (§4.2). Reused between
/// records: <see cref="Routes"/> is valid until the reader moves on.
/// </summary>
public sealed class RibRecord
{
    private readonly List<RibRoute> _routes = [];
    private int _count;

    /// <summary>True for a TABLE_DUMP (version 1) record.</summary>
    public bool IsTableDumpV1 { get; internal set; }

    public Afi Afi { get; internal set; }

    public Safi Safi { get; internal set; }

    /// <summary>The prefix as encoded (bgpdump prints its octets as received).</summary>
    public NlriPrefix Prefix { get; internal set; }

    public uint Sequence { get; internal set; }

    /// <summary>True for the _ADDPATH subtypes (RFC 8050 §4): each route has a path identifier.</summary>
    public bool HasPathIds { get; internal set; }

    /// <summary>TABLE_DUMP only: the view number and status octet (RFC 6396 §4.2).</summary>
    public ushort View { get; internal set; }

    public byte Status { get; internal set; }

    public ReadOnlySpan<RibRoute> Routes => CollectionsMarshal.AsSpan(_routes)[.._count];

    internal void Reset() => _count = 0;

    /// <summary>The next route slot, recycled from earlier records.</summary>
    internal RibRoute AddRoute()
    {
        if (_count == _routes.Count)
        {
            _routes.Add(new RibRoute());
        }
        return _routes[_count++];
    }
}

/// <summary>One peer's route in a RIB record (RFC 6396 §4.3.4): peer, when it was learnt, and its attributes.</summary>
public sealed class RibRoute
{
    public int PeerIndex { get; internal set; }

    public MrtPeer Peer { get; internal set; } = null!;

    /// <summary>When the route was last changed, seconds since the Unix epoch.</summary>
    public uint OriginatedTime { get; internal set; }

    /// <summary>The ADD-PATH path identifier (RFC 8050 §4), 0 without ADD-PATH.</summary>
    public uint PathId { get; internal set; }

    public PathAttributes Attributes { get; } = new();
}
