using System.Net;

namespace Grid.Grains.Visibility;

/// <summary>
/// Names a BGP peer as the source that heard it, its address and its AS, e.g.
/// <c>rrc00/193.0.0.56/AS3333</c>: the same router seen through two collectors is two peers,
/// as in IODA's and RIS's own accounting.
/// </summary>
public static class PeerKey
{
    public static string Of(string source, IPAddress address, uint asn) => $"{source}/{address}/AS{asn}";
}
