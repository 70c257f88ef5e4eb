using System.Net;

namespace Grid.Testing.Lab;

/// <summary>
/// A neighbor that a lab router is configured to peer with: another lab daemon, or Grid's own
/// speaker (any address, port and AS). All sessions are eBGP multihop, because lab addresses sit on
/// lo, where the kernel treats them as host scope.
/// </summary>
/// <param name="Address">The neighbor's address inside the lab's namespace.</param>
/// <param name="Asn">The neighbor's AS (must differ from the router's: the lab only speaks eBGP).</param>
public sealed record BgpNeighbor(IPAddress Address, uint Asn)
{
    /// <summary>The neighbor's TCP port; Grid's listener may use any.</summary>
    public int Port { get; init; } = 179;

    /// <summary>The router waits for the neighbor to connect instead of connecting itself.</summary>
    public bool Passive { get; init; }

    /// <summary>The router sends its routes to the neighbor. Collectors export nothing back to the speaker.</summary>
    public bool Export { get; init; }

    /// <summary>The router offers ADD-PATH send (RFC 7911), so every route it sends carries a path identifier (BIRD only).</summary>
    public bool AddPaths { get; init; }
}

/// <summary>How a lab router is set up: where it listens, its AS, its neighbors, and whether it writes MRT.</summary>
public sealed record LabRouterOptions(IPAddress Address, uint Asn, IReadOnlyList<BgpNeighbor> Neighbors)
{
    /// <summary>The port the router listens on (Grid stand-ins may use another than 179).</summary>
    public int ListenPort { get; init; } = 179;

    /// <summary>Write every received BGP message to this file as MRT BGP4MP (RFC 6396 §4.4).</summary>
    public string? MrtUpdatesFile { get; init; }

    /// <summary>Report the router's peers and tables over BMP (RFC 7854) to this station (GoBGP and FRR only).</summary>
    public BmpStation? BmpStation { get; init; }
}

/// <summary>Routes per address family, as a daemon reports them.</summary>
public readonly record struct RouteCounts(int IPv4, int IPv6)
{
    public static RouteCounts Of(CountryPrefixSet set) => new(set.IPv4Count, set.IPv6Count);

    public override string ToString() => $"{IPv4} IPv4 + {IPv6} IPv6 routes";
}
