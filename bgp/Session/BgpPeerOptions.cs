using System.Net;

namespace Grid.Bgp.Session;

/// <summary>A configured neighbor. Only configured neighbors may hold a session; they are matched by address, then by AS in their OPEN.</summary>
public sealed record BgpPeerOptions(IPAddress Address, uint As)
{
    /// <summary>Wait for the neighbor to connect; otherwise Grid also connects (RFC 4271 §8.1.1, PassiveTcpEstablishment).</summary>
    public bool Passive { get; init; }

    public int Port { get; init; } = 179;

    /// <summary>The address active connections are made from; defaults to the listen address.</summary>
    public IPAddress? LocalAddress { get; init; }

    public override string ToString() => $"{Address} AS{As}";
}
