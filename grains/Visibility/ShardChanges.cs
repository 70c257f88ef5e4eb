using Grid.Geography;

namespace Grid.Grains.Visibility;

/// <summary>The entities whose space in a shard changed since its last report, by kind.</summary>
public sealed record ShardChanges(
    List<(uint Key, EntitySpace Space)> Ases,
    List<(CountryCode Key, EntitySpace Space)> Countries,
    List<(string Key, EntitySpace Space)> Regions)
{
    public int Count => Ases.Count + Countries.Count + Regions.Count;
}
