namespace Grid.Bgp.Session;

/// <summary>The states of a peer's finite-state machine (RFC 4271 §8.2.2).</summary>
public enum BgpSessionState : byte
{
    Idle,
    Connect,
    Active,
    OpenSent,
    OpenConfirm,
    Established,
}
