namespace Grid.Bgp.Session.ErrorHandling;

/// <summary>
/// The error-handling approaches of RFC 7606 §2, mildest first. An UPDATE gets the strongest one
/// any of its errors calls for.
/// </summary>
public enum UpdateErrorAction : byte
{
    /// <summary>Nothing wrong: the UPDATE is applied as it is.</summary>
    Accept,

    /// <summary>A malformed attribute that does not affect route selection is ignored; the UPDATE is applied (RFC 7606 §2).</summary>
    AttributeDiscard,

    /// <summary>Every route the UPDATE announces is handled as withdrawn; the session stays up (RFC 7606 §2).</summary>
    TreatAsWithdraw,

    /// <summary>The UPDATE cannot be parsed reliably: a NOTIFICATION is sent and the session is closed (RFC 4271 §6.3).</summary>
    SessionReset,
}
