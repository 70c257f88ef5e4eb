using Grid.Bgp.Model;

namespace Grid.Bgp.Mrt.Model;

/// <summary>
/// What every BGP4MP record names (RFC 6396 §4.4): the session's two ends, its interface and the
/// family of its addresses.
/// </summary>
public abstract class Bgp4mpRecord
{
    public uint PeerAsn { get; internal set; }

    public uint LocalAsn { get; internal set; }

    public ushort InterfaceIndex { get; internal set; }

    /// <summary>The family of the two addresses (not necessarily of the routes).</summary>
    public Afi Afi { get; internal set; }

    public IPAddressValue PeerAddress { get; internal set; }

    public IPAddressValue LocalAddress { get; internal set; }
}

/// <summary>
/// A BGP4MP or BGP4MP_ET MESSAGE record (RFC 6396 §4.4.2-4.4.6, RFC 8050 §3): the session's two
/// ends and the BGP message itself, with the UPDATE decoded. Reused between records.
/// </summary>
public sealed class Bgp4mpMessage : Bgp4mpRecord
{
    /// <summary>True for the _LOCAL subtypes: a message the collector sent, not one it received.</summary>
    public bool IsLocal { get; internal set; }

    /// <summary>True for the _AS4 subtypes: ASNs here and in the message are 4 octets.</summary>
    public bool FourOctetAsn { get; internal set; }

    /// <summary>True for the _ADDPATH subtypes: the message's NLRI carry path identifiers.</summary>
    public bool HasPathIds { get; internal set; }

    public BgpMessageType MessageType { get; internal set; }

    /// <summary>The length field of the BGP header.</summary>
    public ushort MessageLength { get; internal set; }

    /// <summary>The decoded UPDATE; meaningful when <see cref="MessageType"/> is Update.</summary>
    public BgpUpdate Update { get; } = new();
}

/// <summary>A BGP4MP STATE_CHANGE record (RFC 6396 §4.4.1): a session's FSM moved between states (RFC 4271 §8.2.2).</summary>
public sealed class Bgp4mpStateChange : Bgp4mpRecord
{
    /// <summary>1 Idle, 2 Connect, 3 Active, 4 OpenSent, 5 OpenConfirm, 6 Established.</summary>
    public ushort OldState { get; internal set; }

    public ushort NewState { get; internal set; }
}
