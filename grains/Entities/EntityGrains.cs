namespace Grid.Grains.Entities;

/// <summary>The grain of an entity by its key: one place that knows which interface each kind has.</summary>
public static class EntityGrains
{
    public static IEntityGrain Entity(this IGrainFactory grains, EntityKey key)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return key.Kind switch
        {
            EntityKind.As => grains.GetGrain<IAsGrain>(key.Code),
            EntityKind.Region => grains.GetGrain<IRegionGrain>(key.Code),
            _ => grains.GetGrain<ICountryGrain>(key.Code),
        };
    }
}
