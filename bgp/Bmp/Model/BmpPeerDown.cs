using Grid.Bgp.Messages;

namespace Grid.Bgp.Bmp.Model;

/// <summary>
/// A monitored session went down (RFC 7854 §4.9): every route of the peer is gone, as with a BGP
/// session reset (RFC 4271 §9.1.4), although no withdrawals follow.
/// </summary>
/// <param name="Peer">The per-peer header.</param>
/// <param name="Timestamp">When it went down (the header's time; the read time when it is 0).</param>
/// <param name="Reason">Who closed it, and how.</param>
/// <param name="Notification">The NOTIFICATION of reasons 1 and 3; null otherwise.</param>
/// <param name="FsmEventCode">The FSM event of reason 2 (RFC 4271 §8.1); null otherwise.</param>
public sealed record BmpPeerDown(
    BmpPeer Peer,
    DateTimeOffset Timestamp,
    BmpPeerDownReason Reason,
    BgpNotification? Notification,
    ushort? FsmEventCode) : BmpMessage
{
    public override BmpMessageType Type => BmpMessageType.PeerDown;

    /// <summary>For logs: "RemoteNotification: Cease/AdministrativeShutdown "maintenance"".</summary>
    public string Text => Notification switch
    {
        { } notification when notification.TryGetShutdownCommunication(out var communication) => $"{Reason}: {notification.Description} \"{communication}\"",
        { } notification => $"{Reason}: {notification.Description}",
        null when FsmEventCode is { } code => $"{Reason}: FSM event {code}",
        null => Reason.ToString(),
    };
}
