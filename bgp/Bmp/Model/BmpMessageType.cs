namespace Grid.Bgp.Bmp.Model;

/// <summary>The Message Type of BMP's common header (RFC 7854 §4.1; IANA "BMP Message Types").</summary>
public enum BmpMessageType : byte
{
    RouteMonitoring = 0,
    StatisticsReport = 1,
    PeerDown = 2,
    PeerUp = 3,
    Initiation = 4,
    Termination = 5,
    RouteMirroring = 6,
}
