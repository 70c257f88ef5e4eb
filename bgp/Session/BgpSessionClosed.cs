namespace Grid.Bgp.Session;

/// <summary>Ends a connection's run: why, for <c>/v1/peers</c> and the log.</summary>
internal sealed class BgpSessionClosed(string reason) : Exception(reason);
