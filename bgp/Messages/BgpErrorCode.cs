namespace Grid.Bgp.Messages;

/// <summary>NOTIFICATION error codes (RFC 4271 §4.5; IANA "BGP Error (Notification) Codes").</summary>
public enum BgpErrorCode : byte
{
    MessageHeaderError = 1,
    OpenMessageError = 2,
    UpdateMessageError = 3,
    HoldTimerExpired = 4,
    FiniteStateMachineError = 5,
    Cease = 6,
    /// <summary>RFC 7313 §5: an Enhanced Route Refresh message of invalid length.</summary>
    RouteRefreshMessageError = 7,
}
