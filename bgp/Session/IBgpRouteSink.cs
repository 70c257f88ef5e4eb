using Grid.Bgp.Messages;
using Grid.Bgp.Model;

namespace Grid.Bgp.Session;

/// <summary>
/// Where a session's routes go. Calls for one peer come in order from that peer's session; a call
/// that waits pushes back on the peer through TCP, so a slow consumer slows the router, not memory.
/// </summary>
public interface IBgpRouteSink
{
    /// <summary>Routes from one or more UPDATEs. The list is the session's own and is reused after the call returns.</summary>
    ValueTask RoutesAsync(BgpPeerOptions peer, IReadOnlyList<RouteElement> routes, CancellationToken cancellationToken);

    /// <summary>The peer finished sending its table for <paramref name="family"/> (End-of-RIB, RFC 4724 §2).</summary>
    ValueTask EndOfRibAsync(BgpPeerOptions peer, BgpFamily family, CancellationToken cancellationToken);

    /// <summary>An Established session closed: every route from it is gone (RFC 4271 §9.1.1, §8.2.2 "deletes all routes").</summary>
    ValueTask SessionDownAsync(BgpPeerOptions peer, string reason, DateTimeOffset at, CancellationToken cancellationToken);
}
