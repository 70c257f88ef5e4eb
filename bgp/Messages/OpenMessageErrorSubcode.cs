namespace Grid.Bgp.Messages;

/// <summary>Subcodes of OPEN Message Error (RFC 4271 §4.5, §6.2; RFC 5492 §5).</summary>
public enum OpenMessageErrorSubcode : byte
{
    /// <summary>No specific subcode (RFC 4271 §4.5): used for malformed optional parameters and capabilities.</summary>
    Unspecific = 0,
    /// <summary>Data: the largest locally supported version, 2 octets.</summary>
    UnsupportedVersionNumber = 1,
    BadPeerAs = 2,
    BadBgpIdentifier = 3,
    UnsupportedOptionalParameter = 4,
    // 5 (Authentication Failure) is deprecated by RFC 4271 §4.5.
    UnacceptableHoldTime = 6,
    /// <summary>RFC 5492 §5. Data: the capabilities (code, length, value) that are unsupported or required.</summary>
    UnsupportedCapability = 7,
}
