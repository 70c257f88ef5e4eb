using System.Net;

namespace Grid.Testing.Lab;

/// <summary>Which of a peer's tables a router reports over BMP (RFC 7854 §4.2 L flag).</summary>
public enum BmpMonitoring
{
    /// <summary>Adj-RIB-In before import policy: what the peer sent.</summary>
    PrePolicy,

    /// <summary>Adj-RIB-In after import policy.</summary>
    PostPolicy,

    /// <summary>Everything the daemon offers: pre- and post-policy, and GoBGP's Loc-RIB (RFC 9069).</summary>
    All,
}

/// <summary>
/// A BMP monitoring station a lab router connects to (RFC 7854 §3.2: the router opens the TCP
/// session), e.g. a <see cref="NamespaceSockets.ListenTcp"/> socket where Grid's reader waits.
/// </summary>
/// <param name="Endpoint">Where the station listens, inside the lab's namespace.</param>
/// <param name="Monitoring">Which tables to send.</param>
public sealed record BmpStation(IPEndPoint Endpoint, BmpMonitoring Monitoring = BmpMonitoring.PrePolicy)
{
    /// <summary>How often to send Statistics Reports (RFC 7854 §4.8); null for none.</summary>
    public TimeSpan? StatisticsInterval { get; init; }
}
