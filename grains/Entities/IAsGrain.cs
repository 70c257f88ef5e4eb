namespace Grid.Grains.Entities;

/// <summary>An autonomous system, keyed <c>AS6697</c>.</summary>
public interface IAsGrain : IEntityGrain;
