namespace Grid.Bgp.Messages;

/// <summary>Subcodes of Cease (RFC 4486 §4; RFC 8203/9003 add a shutdown communication to 2 and 4).</summary>
public enum CeaseSubcode : byte
{
    MaximumNumberOfPrefixesReached = 1,
    AdministrativeShutdown = 2,
    PeerDeConfigured = 3,
    AdministrativeReset = 4,
    ConnectionRejected = 5,
    OtherConfigurationChange = 6,
    ConnectionCollisionResolution = 7,
    OutOfResources = 8,
    /// <summary>RFC 8538 §3.</summary>
    HardReset = 9,
}
