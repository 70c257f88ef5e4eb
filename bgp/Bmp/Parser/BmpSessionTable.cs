using Grid.Bgp.Bmp.Model;
using Grid.Bgp.Messages;
using Grid.Bgp.Model;

namespace Grid.Bgp.Bmp.Parser;

/// <summary>
/// The session facts of each monitored peer, from its Peer Up (RFC 7854 §4.10) until its Peer Down,
/// so its Route Monitoring UPDATEs decode with the right AS width and ADD-PATH families. One
/// session serves all of a peer's tables (pre/post-policy, Adj-RIB-In/Out), so the key leaves out the flags.
/// </summary>
internal sealed class BmpSessionTable
{
    /// <summary>
    /// Before any Peer Up (some routers send routes first) or without a negotiable one: 4-octet
    /// ASNs, which every current router sends (RFC 7854 §4.2 lets it reformat to them), and no ADD-PATH.
    /// </summary>
    public static readonly BgpDecodeContext Default = new(FourOctetAsn: true);

    private const int MaxSessions = 65536;

    private readonly Dictionary<Key, BgpSession> _sessions = [];

    public void Up(BmpPeer peer, BgpSession? session)
    {
        if (session is null)
        {
            _sessions.Remove(KeyOf(peer));
            return;
        }
        if (_sessions.Count >= MaxSessions)
        {
            _sessions.Clear();
        }
        _sessions[KeyOf(peer)] = session;
    }

    public void Down(BmpPeer peer) => _sessions.Remove(KeyOf(peer));

    /// <summary>
    /// How to read <paramref name="peer"/>'s UPDATEs. Adj-RIB-In holds what the peer sent, so the
    /// router's receive side of ADD-PATH applies; Adj-RIB-Out (RFC 8671) what the router sends, so
    /// its send side. The A flag (RFC 7854 §4.2) says the router kept 2-octet AS_PATHs.
    /// </summary>
    public BgpDecodeContext ContextFor(BmpPeer peer)
    {
        var context = peer.Type != BmpPeerType.LocRib && _sessions.TryGetValue(KeyOf(peer), out var session)
            ? (peer.IsAdjRibOut ? session.EncodeContext : session.DecodeContext)
            : Default;
        return peer.HasTwoOctetAsPath ? context with { FourOctetAsn = false } : context;
    }

    private static Key KeyOf(BmpPeer peer) => new(peer.Type, peer.Distinguisher, peer.Address);

    private readonly record struct Key(BmpPeerType Type, ulong Distinguisher, System.Net.IPAddress Address);
}
