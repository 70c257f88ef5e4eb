using Grid.Bgp.Messages;
using Grid.Bgp.Model;

namespace Grid.Bgp.Bmp.Model;

/// <summary>
/// One BGP UPDATE of a peer's table (RFC 7854 §4.6), decoded with the peer's session facts.
/// To keep a full table (~1M routes) cheap, <see cref="Update"/> is the reader's one reused
/// <see cref="BgpUpdate"/>: it and <see cref="AddRouteElements"/> are valid only until the reader
/// moves to the next message (after that, <see cref="AddRouteElements"/> throws).
/// </summary>
/// <param name="Peer">The per-peer header: whose routes, and from which table (<see cref="BmpPeer.Rib"/>).</param>
/// <param name="Timestamp">The header's time; the read time when the router sent 0.</param>
/// <param name="EndOfRib">The family whose initial table this UPDATE ends (RFC 4724 §2); null for any other UPDATE.</param>
/// <param name="Context">How the UPDATE was decoded: AS width and ADD-PATH families.</param>
public sealed record BmpRouteMonitoring(BmpPeer Peer, DateTimeOffset Timestamp, BgpFamily? EndOfRib, BgpDecodeContext Context) : BmpMessage
{
    private readonly Parser.BmpUpdateBuffer? _buffer;
    private readonly long _generation;

    internal BmpRouteMonitoring(BmpPeer peer, DateTimeOffset timestamp, BgpFamily? endOfRib, BgpDecodeContext context, Parser.BmpUpdateBuffer buffer)
        : this(peer, timestamp, endOfRib, context)
    {
        _buffer = buffer;
        _generation = buffer.Generation;
    }

    /// <summary>The decoded UPDATE; valid until the reader's next message.</summary>
    public BgpUpdate Update
    {
        get
        {
            ThrowIfStale();
            return _buffer!.Update;
        }
    }

    /// <summary>
    /// Appends the UPDATE's unicast withdrawals, then announcements, as <see cref="RouteElement"/>s
    /// (peer address and AS from the per-peer header) to <paramref name="into"/>; no allocation
    /// beyond the list's growth.
    /// </summary>
    public void AddRouteElements(List<RouteElement> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        ThrowIfStale();
        UpdateRouteElements.Add(_buffer!.Update, Timestamp, Peer.Address, Peer.Asn, into);
    }

    /// <summary>The route elements in a new list; <see cref="AddRouteElements"/> reuses one.</summary>
    public List<RouteElement> RouteElements()
    {
        var elements = new List<RouteElement>();
        AddRouteElements(elements);
        return elements;
    }

    public override BmpMessageType Type => BmpMessageType.RouteMonitoring;

    private void ThrowIfStale()
    {
        if (_buffer is null || _buffer.Generation != _generation)
        {
            throw new InvalidOperationException(
                "this route monitoring message's UPDATE has been overwritten by a later message: take its route elements before reading on");
        }
    }
}
