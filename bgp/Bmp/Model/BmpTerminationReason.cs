namespace Grid.Bgp.Bmp.Model;

/// <summary>The Termination message's reason TLV (RFC 7854 §4.5).</summary>
public enum BmpTerminationReason : ushort
{
    AdministrativelyClosed = 0,
    Unspecified = 1,
    OutOfResources = 2,
    RedundantConnection = 3,
    PermanentlyAdministrativelyClosed = 4,
}
