using Grid.Grains.Tests.Hosting;
using Grid.Grains.Visibility;

namespace Grid.Grains.Tests.Visibility;

/// <summary>Real Orleans silos with Grid's real grains and the real geography from ../shared/data/rir.</summary>
internal sealed class VisibilitySilo : IAsyncDisposable
{
    private VisibilitySilo(GridTestCluster cluster) => Cluster = cluster;

    public GridTestCluster Cluster { get; }

    /// <summary>The primary silo's grain factory: the collector (shards and peer table, prefer-local) runs there.</summary>
    public IGrainFactory Grains => Cluster.Grains;

    public VisibilityOptions Options => Cluster.Visibility;

    public RouteIngest Ingest(string source) => new(Grains, Options, source);

    /// <param name="postgres">Grain state in that database, so a killed silo's entities are adopted from it.</param>
    public static async Task<VisibilitySilo> StartAsync(int fullFeedPrefixes = 0, string? postgres = null, int silos = 1, TimeSpan? loadGrace = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Grid:Visibility:FullFeedIPv4Prefixes"] = $"{fullFeedPrefixes}",
            ["Grid:Visibility:FullFeedIPv6Prefixes"] = $"{fullFeedPrefixes}",
            ["Grid:Visibility:BatchSize"] = "64",
        };
        if (loadGrace is { } grace)
        {
            settings["Grid:Visibility:LoadGrace"] = grace.ToString("c");
        }

        return new VisibilitySilo(await GridTestCluster.StartAsync(silos, settings, postgres));
    }

    /// <summary>
    /// Deactivates one grain while the rest of the cluster runs on, as a rebalance moves it (Orleans
    /// runs its OnDeactivateAsync). Returns once it is gone: the next call activates it afresh from storage.
    /// </summary>
    public Task DeactivateAsync(string grainType, string key) => Cluster.Cluster.DeactivateAsync(GrainId.Create(grainType, key));

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}
