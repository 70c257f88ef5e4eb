namespace Grid.Grains.Entities;

/// <summary>A sub-national region, keyed by its country and code or name (<c>MM-02</c>, <c>MM-BAGO</c>).</summary>
public interface IRegionGrain : IEntityGrain;
