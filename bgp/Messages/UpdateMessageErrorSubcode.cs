namespace Grid.Bgp.Messages;

/// <summary>Subcodes of UPDATE Message Error (RFC 4271 §4.5, §6.3).</summary>
public enum UpdateMessageErrorSubcode : byte
{
    MalformedAttributeList = 1,
    UnrecognizedWellKnownAttribute = 2,
    MissingWellKnownAttribute = 3,
    AttributeFlagsError = 4,
    AttributeLengthError = 5,
    InvalidOriginAttribute = 6,
    // 7 (AS Routing Loop) is deprecated by RFC 4271 §4.5.
    InvalidNextHopAttribute = 8,
    OptionalAttributeError = 9,
    InvalidNetworkField = 10,
    MalformedAsPath = 11,
}
