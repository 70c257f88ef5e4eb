using Grid.Grains.Probing;
using Grid.Grains.Visibility;

namespace Grid.Grains.Evidence;

/// <summary>The raw inputs gathered for one bundle from the shards: route changes and probed blocks, each with whether its cap cut it.</summary>
public sealed record EvidenceInputs(
    IReadOnlyList<ShardRouteChange> Routes,
    bool RoutesCapped,
    IReadOnlyList<ProbeBlockHistory> ProbeBlocks,
    bool ProbeBlocksCapped)
{
    public static EvidenceInputs RoutesOnly(IReadOnlyList<ShardRouteChange> routes) => new(routes, false, [], false);
}
