namespace Grid.Grains.Entities;

/// <summary>A country, keyed by its ISO code (<c>BY</c>).</summary>
public interface ICountryGrain : IEntityGrain
{
    /// <summary>The ASes seen originating visible space in this country, including those now dark.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<uint[]> OriginAsns();
}
