using System.Globalization;

namespace Grid.Silo.Feeds;

/// <summary>The leases feeds run under: each names work that runs on exactly one silo of the cluster.</summary>
public static class FeedLeases
{
    /// <summary>
    /// Every route feed (MRT replay, RIS Live and its RIB bootstrap, BGP sessions, the BMP station):
    /// the silo holding it is the collector, and the prefix shards live beside it.
    /// </summary>
    public const string Routing = "routing";

    /// <summary>One prober shard (<c>Grid:Probing:Shard</c>): silos configured alike probe in turn, never together.</summary>
    public static string Probing(int shard) => string.Create(CultureInfo.InvariantCulture, $"probing/{shard}");
}
