namespace Grid.Bgp.Bmp.Model;

/// <summary>
/// Which table a peer's routes come from, read from the L and O flags (RFC 7854 §4.2, RFC 8671 §4),
/// or the router's own Loc-RIB (RFC 9069). Visibility wants what the peer itself sent:
/// <see cref="AdjRibInPrePolicy"/>.
/// </summary>
public enum BmpRib : byte
{
    /// <summary>Routes as the peer sent them, before the router's import policy.</summary>
    AdjRibInPrePolicy,

    /// <summary>Routes the router kept after its import policy.</summary>
    AdjRibInPostPolicy,

    /// <summary>Routes the router would send to the peer, before its export policy.</summary>
    AdjRibOutPrePolicy,

    /// <summary>Routes the router sends to the peer, after its export policy.</summary>
    AdjRibOutPostPolicy,

    /// <summary>The router's selected routes (peer type 3, RFC 9069).</summary>
    LocRib,
}
