using Grid.Geography;
using Grid.Testing.Data;

namespace Grid.Grains.Tests.Geography;

/// <summary>The database of everything in ../shared/data/rir, loaded once for all tests that only read it.</summary>
internal static class SharedGeography
{
    private static readonly Lazy<GeoDatabase> Loaded = new(() => GeoDatabase.Load(SharedData.PathOf("rir")));

    public static GeoDatabase Database => Loaded.Value;
}
