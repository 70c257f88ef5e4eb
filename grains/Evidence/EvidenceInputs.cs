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
    /// <summary>The window the inputs were read from: wider (Grid:Evidence:WatchBefore) inside a watch window.</summary>
    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? Until { get; init; }

    /// <summary>The kinds of the watch windows that held at the change; empty outside any.</summary>
    public IReadOnlyList<string> Watch { get; init; } = [];

    public static EvidenceInputs RoutesOnly(IReadOnlyList<ShardRouteChange> routes) => new(routes, false, [], false);
}
