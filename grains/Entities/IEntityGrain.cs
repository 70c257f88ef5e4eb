using Grid.Runtime;

namespace Grid.Grains.Entities;

/// <summary>What country and AS grains share: they aggregate signals for one entity.</summary>
public interface IEntityGrain : IGrainWithStringKey
{
    /// <summary>Applies visibility changes from a prefix shard.</summary>
    Task ApplyVisibility(VisibilityDelta delta);

    /// <summary>Applies one probing bin: /24s up, median RTT and loss (<c>signals.probes</c>).</summary>
    Task ApplyProbes(ProbeBin bin);

    Task<EntityStatus> Status();

    Task<SignalHistory> History(DateTimeOffset from, DateTimeOffset until, TimeSpan step);
}

/// <summary>A country, keyed by its ISO code (<c>BY</c>).</summary>
public interface ICountryGrain : IEntityGrain
{
    /// <summary>The ASes seen originating visible space in this country, including those now dark.</summary>
    Task<uint[]> OriginAsns();
}

/// <summary>An autonomous system, keyed <c>AS6697</c>.</summary>
public interface IAsGrain : IEntityGrain;
