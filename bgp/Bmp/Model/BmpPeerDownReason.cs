namespace Grid.Bgp.Bmp.Model;

/// <summary>Why a monitored session went down (RFC 7854 §4.9; 6 from RFC 9069 §5.4).</summary>
public enum BmpPeerDownReason : byte
{
    /// <summary>The router closed it with a NOTIFICATION, which follows.</summary>
    LocalNotification = 1,

    /// <summary>The router closed it without a NOTIFICATION; a 2-octet FSM event code follows.</summary>
    LocalNoNotification = 2,

    /// <summary>The peer closed it with a NOTIFICATION, which follows.</summary>
    RemoteNotification = 3,

    /// <summary>The peer closed it without a NOTIFICATION (the connection dropped).</summary>
    RemoteNoNotification = 4,

    /// <summary>The peer was de-configured; the router stops reporting it.</summary>
    PeerDeconfigured = 5,

    /// <summary>Loc-RIB only: the local system closed the table (RFC 9069 §5.4); TLVs follow.</summary>
    LocalSystemClosed = 6,
}
