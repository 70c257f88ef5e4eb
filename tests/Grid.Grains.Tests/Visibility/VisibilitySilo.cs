using Grid.Grains.Tests.Hosting;
using Grid.Grains.Visibility;

namespace Grid.Grains.Tests.Visibility;

/// <summary>Real Orleans silos with Grid's real grains and the real geography from ../shared/data/rir.</summary>
internal sealed class VisibilitySilo : IAsyncDisposable
{
    private VisibilitySilo(GridTestCluster cluster) => Cluster = cluster;

    public GridTestCluster Cluster { get; }

    /// <summary>The primary silo's grain factory: the collector (shards, peer table, rebuild coordinator, all prefer-local) runs there.</summary>
    public IGrainFactory Grains => Cluster.Grains;

    public VisibilityOptions Options => Cluster.Visibility;

    public RouteIngest Ingest(string source) => new(Grains, Options, source);

    /// <param name="postgres">Grain state in that database, so a killed silo's entities are adopted from it.</param>
    public static async Task<VisibilitySilo> StartAsync(int fullFeedPrefixes = 0, TimeSpan? rebuildCoalesce = null, string? postgres = null, int silos = 1)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Grid:Visibility:FullFeedIPv4Prefixes"] = $"{fullFeedPrefixes}",
            ["Grid:Visibility:FullFeedIPv6Prefixes"] = $"{fullFeedPrefixes}",
            ["Grid:Visibility:BatchSize"] = "64",
        };
        if (rebuildCoalesce is { } coalesce)
        {
            settings["Grid:Visibility:RebuildCoalesce"] = coalesce.ToString("c");
        }

        return new VisibilitySilo(await GridTestCluster.StartAsync(silos, settings, postgres));
    }

    public IVisibilityRebuildGrain Rebuilds => Grains.GetGrain<IVisibilityRebuildGrain>(IVisibilityRebuildGrain.Key);

    /// <summary>
    /// Deactivates one grain while the rest of the cluster runs on, as a rebalance moves it (Orleans
    /// runs its OnDeactivateAsync). Returns once it is gone: the next call activates it afresh from storage.
    /// </summary>
    public Task DeactivateAsync(string grainType, string key) => Cluster.Cluster.DeactivateAsync(GrainId.Create(grainType, key));

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}
