
namespace Grid.Grains.Visibility;

/// <summary>
/// The collector's rebuild coordinator (key <c>bgp</c>): an entity that was adopted after a crash
/// has lost its in-memory visible space, though the shards still hold the table. It asks here, and
/// the shards re-emit their visible prefixes under a new generation of the epoch
/// (<see cref="CollectorEpoch"/>), which every entity counts from zero, once.
/// </summary>
public interface IVisibilityRebuildGrain : IGrainWithStringKey
{
    public const string Key = "bgp";

    /// <summary>A feed's table is loaded under <paramref name="epoch"/> and written to these shards.</summary>
    Task Register(long epoch, int[] shards);

    /// <summary>
    /// An entity that knows <paramref name="seenEpoch"/> but has no visible space asks for a
    /// rebuild. Entities call this without awaiting it: the rebuild calls back into them. Requests
    /// are coalesced; one from before the latest rebuild is already answered by it.
    /// </summary>
    Task RequestRebuild(long seenEpoch, string reason);

    /// <summary>How many rebuilds ran under the current collector, and its epoch now (for tests and /v1/feeds-like views).</summary>
    Task<RebuildSummary> Summary();
}

[GenerateSerializer, Alias("grid.RebuildSummary")]
public sealed record RebuildSummary([property: Id(0)] long Epoch, [property: Id(1)] int Rebuilds, [property: Id(2)] int Requests, [property: Id(3)] int Shards);
