namespace Grid.Bgp.Messages;

/// <summary>The Message Subtype of a ROUTE-REFRESH (RFC 7313 §3.2; 0 is RFC 2918's plain request).</summary>
public enum BgpRouteRefreshSubtype : byte
{
    Request = 0,
    /// <summary>Beginning of Route Refresh: stale routes are marked until <see cref="EndOfRouteRefresh"/>.</summary>
    BeginningOfRouteRefresh = 1,
    EndOfRouteRefresh = 2,
}
